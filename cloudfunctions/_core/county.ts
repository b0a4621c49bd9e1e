import { AppError } from './errors'
import type { Doc, Store } from './store/port'

/**
 * The county this deployment serves, set once when the environment is set up (npm run admin-code / deploy with
 * --county-name and --region-code, or the demo seed) and kept in one document: the root of the org tree and the
 * 行政区划代码 member numbers start with. Read on each use rather than cached: one get by id, in actions that
 * make several, and a cache would let one store's county leak into another's (tests, scripts).
 */
export const SETTINGS = 'settings'
export const COUNTY_SETTINGS_ID = 'county'

export interface CountySettings {
  orgId: string
  /** 6-digit 行政区划代码 of the county, e.g. 371481 (乐陵市) */
  regionCode: string
  /** the county federation's name, as its org is named */
  name: string
}

export const COUNTY_UNSET = '本县工会尚未完成设置，请联系工会管理员'

export async function countySettings(store: Store): Promise<CountySettings | null> {
  const doc = await store.get<Doc & Partial<CountySettings>>(SETTINGS, COUNTY_SETTINGS_ID)
  if (!doc?.orgId || !doc.regionCode) return null
  return { orgId: doc.orgId, regionCode: doc.regionCode, name: doc.name ?? '' }
}

/** The county, or a refusal people can act on: never a guessed default that would misroute an application. */
export async function requireCounty(store: Store): Promise<CountySettings> {
  const county = await countySettings(store)
  if (!county) throw new AppError('CLOSED', COUNTY_UNSET)
  return county
}

export async function writeCountySettings(store: Store, settings: CountySettings): Promise<void> {
  await store.put(SETTINGS, { _id: COUNTY_SETTINGS_ID, ...settings })
}
