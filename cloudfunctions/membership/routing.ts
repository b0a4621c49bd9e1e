import { createHash } from 'node:crypto'
import type { NewEmploymentType } from '../../src/contracts/membership/options'
import type { MyApplication } from '../../src/contracts/membership/schemas'
import { normalizeName } from '../../src/contracts/orgs/names'
import type { OrgDoc } from '../_core/auth'
import type { Store } from '../_core/store/port'

interface RoutedOrg extends OrgDoc {
  kind: 'county' | 'enterprise' | 'joint' | 'industry'
  industries?: NewEmploymentType[]
  regions?: string[]
  /** set in 组织架构: the org keeps its members but receives no new applications */
  disabled?: boolean
}

/** People write 「泰山体育产业集团有限公司」, 「泰山体育 产业集团（有限公司）」…: compare without spaces and bracket styles. */
const normalizeEmployer = normalizeName

/** The routing key of one employer name (or alias): an `employers` document is looked up by it, never by a scan. */
export function employerDocId(name: string): string {
  return 'emp_' + createHash('sha256').update(normalizeEmployer(name)).digest('hex').slice(0, 24)
}

export interface Route {
  org: RoutedOrg
  routedBy: MyApplication['routedBy']
}

/**
 * Where an application goes: the employer's own grassroots union when it has one; else, for gig workers,
 * the 联合工会 of their area that organises their trade, then a county-wide 行业工会 of the trade; else
 * the county federation itself, whose staff place the member by hand. Disabled orgs are passed over at every step.
 */
export async function routeApplication(
  store: Store,
  input: { employer: string; newEmploymentType: NewEmploymentType; region: string },
  countyId: string,
): Promise<Route> {
  const employer = await store.get<{ _id: string; orgId: string }>('employers', employerDocId(input.employer))
  if (employer) {
    const org = await store.get<RoutedOrg>('orgs', employer.orgId)
    if (org && !org.disabled) return { org, routedBy: 'employer' }
  }
  if (input.newEmploymentType !== 'none') {
    const unions = await store.find<RoutedOrg>('orgs', { where: { parentId: countyId, kind: { $in: ['joint', 'industry'] } }, limit: 500 })
    const trades = unions.filter((o) => !o.disabled && o.industries?.includes(input.newEmploymentType))
    const local = trades.find((o) => o.regions?.includes(input.region))
    if (local) return { org: local, routedBy: 'region_industry' }
    const countyWide = trades.find((o) => !o.regions?.length)
    if (countyWide) return { org: countyWide, routedBy: 'industry' }
  }
  const county = await store.get<RoutedOrg>('orgs', countyId)
  if (!county) throw new Error(`county org ${countyId} missing`)
  return { org: county, routedBy: 'county' }
}
