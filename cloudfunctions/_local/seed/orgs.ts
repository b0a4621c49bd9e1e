import type { NewEmploymentType } from '../../../src/contracts/membership/options'
import { DEMO_COUNTY } from './personas'

interface SeedOrg {
  id: string
  name: string
  parentId: string | null
  kind: 'county' | 'enterprise' | 'joint' | 'industry'
  /** 联合工会/行业工会: which 新就业形态 groups they organise, and where (empty = the whole county) */
  industries?: NewEmploymentType[]
  regions?: string[]
  /** the number people are told to call (refusals, help) */
  phone?: string
}

/**
 * 乐陵市总工会 and below it: enterprise unions, and the 联合工会 / 行业工会 federations set up for
 * 新就业形态劳动者 — one for 市中街道 across all gig trades, and county-wide ones per trade.
 */
export const ORGS: SeedOrg[] = [
  { id: DEMO_COUNTY, name: '乐陵市总工会', parentId: null, kind: 'county', phone: '0534-6221234' },
  { id: 'org-taishan', name: '泰山体育产业集团有限公司工会', parentId: DEMO_COUNTY, kind: 'enterprise' },
  { id: 'org-baizao', name: '山东百枣纲目生物科技有限公司工会', parentId: DEMO_COUNTY, kind: 'enterprise' },
  { id: 'org-hospital', name: '乐陵市人民医院工会', parentId: DEMO_COUNTY, kind: 'enterprise' },
  {
    id: 'org-shizhong-joint',
    name: '市中街道新就业形态劳动者联合工会',
    parentId: DEMO_COUNTY,
    kind: 'joint',
    industries: ['courier', 'delivery', 'ridehail', 'truck', 'other'],
    regions: ['area-shizhong'],
  },
  { id: 'org-express', name: '乐陵市快递行业联合工会', parentId: DEMO_COUNTY, kind: 'industry', industries: ['courier'], regions: [] },
  { id: 'org-delivery', name: '乐陵市外卖配送行业工会', parentId: DEMO_COUNTY, kind: 'industry', industries: ['delivery'], regions: [] },
  {
    id: 'org-drivers',
    name: '乐陵市网约车和货车司机联合工会',
    parentId: DEMO_COUNTY,
    kind: 'industry',
    industries: ['ridehail', 'truck'],
    regions: [],
  },
]

/** The demo county's settings: its root org and the 行政区划代码 of 乐陵市, which member numbers start with. */
export const DEMO_SETTINGS = { orgId: DEMO_COUNTY, regionCode: '371481', name: '乐陵市总工会' }
