import { governedOrgIds, governsOrg, scopesOf, type Caller } from '../_core/auth'
import type { Store, Where } from '../_core/store/port'
import type { StationDoc } from './model'

/** Keepers edit the stations they keep; staff and admins edit every station of their org and its children. */
export async function canEditStation(store: Store, caller: Caller, station: StationDoc): Promise<boolean> {
  if (scopesOf(caller, 'keeper').includes(station._id)) return true
  return governsOrg(store, caller, station.orgId)
}

/** The filter for "stations this caller manages", or null when they manage none. */
export async function managedWhere(store: Store, caller: Caller): Promise<Where[]> {
  const wheres: Where[] = []
  const orgIds = await governedOrgIds(store, caller)
  if (orgIds.length) wheres.push({ orgId: { $in: orgIds }, status: 'active' })
  const kept = scopesOf(caller, 'keeper')
  if (kept.length) wheres.push({ _id: { $in: kept }, status: 'active' })
  return wheres
}
