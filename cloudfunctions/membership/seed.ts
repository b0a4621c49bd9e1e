import type { Store } from '../_core/store/port'
import type { DemoContext } from '../_core/module'
import { employerDocId } from './routing'

/** Enterprise unions of the demo county and the employer names (as workers write them) that route to each. */
const DEMO_EMPLOYERS: Record<string, string[]> = {
  'org-taishan': ['泰山体育产业集团有限公司', '泰山体育产业集团', '泰山体育'],
  'org-baizao': ['山东百枣纲目生物科技有限公司', '百枣纲目'],
  'org-hospital': ['乐陵市人民医院'],
}

/** Each company's first name is its own; the others are aliases of it (组织架构 → 用人单位 shows them together). */
export async function seedMembership(store: Store, _demo: DemoContext): Promise<void> {
  for (const [orgId, [primary, ...aliases]] of Object.entries(DEMO_EMPLOYERS)) {
    const employerId = employerDocId(primary)
    await store.put('employers', { _id: employerId, name: primary, orgId, employerId })
    for (const name of aliases) await store.put('employers', { _id: employerDocId(name), name, orgId, employerId, alias: true })
  }
}
