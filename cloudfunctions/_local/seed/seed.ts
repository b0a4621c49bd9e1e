import type { Store } from '../../_core/store/port'
import { MODULES } from '../registry'
import { AREAS } from './leling'
import { DEMO_COUNTY, PERSONAS } from './personas'
import { DEMO_SETTINGS, ORGS } from './orgs'
import { countySettings, writeCountySettings } from '../../_core/county'
import { grantId, ROLE_GRANTS } from '../../account/grants'
import { seedStationPhotos } from './photos'
import type { FileStorage } from '../../_core/files'

/**
 * Fills an empty store with the demo county: the core's org tree, county settings, areas and personas, then each function's
 * own demo seed. A store that has users already is left alone.
 */
export async function seedIfEmpty(store: Store, now = new Date(), files: FileStorage | null = null): Promise<boolean> {
  if ((await store.count('users')) > 0) return false
  for (const { id, ...org } of ORGS) await store.put('orgs', { _id: id, ...org })
  await writeCountySettings(store, DEMO_SETTINGS)
  for (const [i, a] of AREAS.entries())
    await store.put('areas', { _id: a.id, name: a.name, center: { lat: a.lat, lng: a.lng }, orgId: DEMO_COUNTY, order: i })
  for (const mod of Object.values(MODULES)) await mod.seed?.(store, { now, countyId: DEMO_COUNTY })
  // Photos only where there is storage to put them (npm start, the gateway tests); tools seeding a store skip them.
  if (files) await seedStationPhotos(store, files, now)
  // Users last: their presence marks the seed as done, so a crash midway reseeds on the next start.
  // The personas' grants, indexed as an invitation would have (人员与角色 lists them).
  const orgName = new Map(ORGS.map((o) => [o.id, o.name]))
  for (const p of PERSONAS) {
    for (const g of p.grants) {
      const station = g.role === 'keeper' && g.scope ? await store.get<{ _id: string; name: string; orgId: string }>('stations', g.scope) : null
      const orgId = g.role === 'keeper' ? (station?.orgId ?? DEMO_COUNTY) : (g.scope ?? DEMO_COUNTY)
      await store.put(ROLE_GRANTS, {
        _id: grantId(p.openid, g),
        openid: p.openid,
        name: p.name,
        role: g.role,
        scope: g.scope ?? null,
        orgId,
        orgName: orgName.get(orgId) ?? '',
        ...(station ? { stationName: station.name } : {}),
        grantedAt: new Date(now.getTime() - 30 * 24 * 3600 * 1000).toISOString(),
        grantedBy: 'demo-admin',
        grantedByName: '赵主席',
      })
    }
  }
  for (const p of PERSONAS) await store.put('users', { _id: p.openid, name: p.name, grants: p.grants })
  return true
}

/**
 * A demo store made before county settings existed: its county is the demo county, so write the demo settings
 * rather than make `npm start` refuse every 入会 until someone deletes `.data`. Only ever the demo's own org.
 */
export async function upgradeDemoStore(store: Store): Promise<boolean> {
  if (await countySettings(store)) return false
  if (!(await store.get('orgs', DEMO_SETTINGS.orgId))) return false
  await writeCountySettings(store, DEMO_SETTINGS)
  return true
}
