import type { Store } from '../../_core/store/port'
import { AREAS, STATIONS } from './leling'
import { DEMO_COUNTY, PERSONAS } from './personas'
import { ORGS } from './orgs'
import { employerDocId } from '../../membership/routing'

/** Fills an empty store with the demo county; a store that has users already is left alone. */
export async function seedIfEmpty(store: Store, now = new Date()): Promise<boolean> {
  if ((await store.count('users')) > 0) return false
  const at = now.toISOString()
  for (const { id, employers, ...org } of ORGS) {
    await store.put('orgs', { _id: id, ...org })
    for (const name of employers ?? []) await store.put('employers', { _id: employerDocId(name), name, orgId: id })
  }
  for (const p of PERSONAS) await store.put('users', { _id: p.openid, name: p.name, grants: p.grants })
  for (const [i, a] of AREAS.entries()) await store.put('areas', { _id: a.id, name: a.name, center: { lat: a.lat, lng: a.lng }, orgId: DEMO_COUNTY, order: i })
  for (const s of STATIONS) {
    await store.put('stations', {
      _id: s.id,
      name: s.name,
      address: s.address,
      location: { lat: s.lat, lng: s.lng },
      hours: s.hours,
      amenities: s.amenities,
      phone: s.phone,
      photos: [],
      orgId: DEMO_COUNTY,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      updatedBy: 'seed',
    })
  }
  return true
}
