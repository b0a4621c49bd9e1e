import type { Store } from '../../_core/store/port'
import { MODULES } from '../registry'
import { AREAS } from './leling'
import { DEMO_COUNTY, PERSONAS } from './personas'
import { ORGS } from './orgs'

/**
 * Fills an empty store with the demo county: the core's org tree, areas and personas, then each function's
 * own demo seed. A store that has users already is left alone.
 */
export async function seedIfEmpty(store: Store, now = new Date()): Promise<boolean> {
  if ((await store.count('users')) > 0) return false
  for (const { id, ...org } of ORGS) await store.put('orgs', { _id: id, ...org })
  for (const [i, a] of AREAS.entries()) await store.put('areas', { _id: a.id, name: a.name, center: { lat: a.lat, lng: a.lng }, orgId: DEMO_COUNTY, order: i })
  for (const mod of Object.values(MODULES)) await mod.seed?.(store, { now, countyId: DEMO_COUNTY })
  // Users last: their presence marks the seed as done, so a crash midway reseeds on the next start.
  for (const p of PERSONAS) await store.put('users', { _id: p.openid, name: p.name, grants: p.grants })
  return true
}
