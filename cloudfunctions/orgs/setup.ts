import { normalizeName } from '../../src/contracts/orgs/names'
import { isRegionCode, REGION_CODE_MESSAGE } from '../../src/contracts/orgs/schemas'
import { countySettings, writeCountySettings, type CountySettings } from '../_core/county'
import type { Store } from '../_core/store/port'
import { ORG_NAMES, ORGS, orgKeyId, orgNameKey, type OrgRecord } from './model'
import { findAll } from '../_core/paging'

export class CountySetupError extends Error {}

interface CountySetup {
  settings: CountySettings
  /** what this call did: nothing (already set up), adopted an existing root org, or created the root org */
  did: 'existing' | 'adopted' | 'created'
}

const HOW =
  '运行时加上 --county-name <本县总工会名称> --region-code <6 位行政区划代码>（或设置 COUNTY_NAME、REGION_CODE），如 --county-name 乐陵市总工会 --region-code 371481'

/**
 * The setup of a fresh environment, run by npm run admin-code / deploy before the first 激活码: the county
 * federation's org (the tree's root) and the settings naming it and the 行政区划代码. The first admin builds
 * the rest of the tree in the 工作台. Run again, it changes nothing.
 */
export async function ensureCounty(store: Store, opts: { name?: string; regionCode?: string }, now = new Date()): Promise<CountySetup> {
  const existing = await countySettings(store)
  if (existing) return { settings: existing, did: 'existing' }
  const name = opts.name?.trim() ?? ''
  const regionCode = opts.regionCode?.trim() ?? ''
  if (!name || !regionCode) throw new CountySetupError(`本县尚未设置（settings 集合中没有 county）/ county not set up: ${HOW}`)
  if (name.length < 2 || name.length > 40) throw new CountySetupError('--county-name：总工会名称应为 2–40 个字')
  if (!isRegionCode(regionCode)) throw new CountySetupError(`--region-code：${REGION_CODE_MESSAGE}`)

  // Filtered here because a null match differs between the two stores (as account/codes.ts does).
  const orgs = await findAll<OrgRecord>(store, ORGS)
  const roots = orgs.filter((o) => !o.parentId)
  const same = roots.find((o) => normalizeName(o.name) === normalizeName(name))
  if (!same && roots.length) {
    throw new CountySetupError(
      `orgs 集合中已有总工会「${roots.map((o) => o.name).join('、')}」，与 --county-name「${name}」不同：请改用已有的名称，以免出现两棵组织树`,
    )
  }
  let orgId: string
  if (same) {
    orgId = same._id
  } else {
    orgId = orgKeyId(name, (id) => orgs.some((o) => o._id === id))
    const at = now.toISOString()
    await store.put(ORGS, {
      _id: orgId,
      name,
      parentId: null,
      kind: 'county',
      phone: '',
      industries: [],
      regions: [],
      disabled: false,
      createdAt: at,
      updatedAt: at,
    })
    await store.put(ORG_NAMES, { _id: orgNameKey(name), orgId, name })
  }
  const settings = { orgId, regionCode, name: same?.name ?? name }
  await writeCountySettings(store, settings)
  return { settings, did: same ? 'adopted' : 'created' }
}
