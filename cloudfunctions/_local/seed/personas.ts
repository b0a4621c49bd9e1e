import type { RoleGrant } from '../../../src/contracts/roles'

export interface Persona {
  openid: string
  name: string
  description: string
  grants: RoleGrant[]
}

export const DEMO_COUNTY = 'org-leling'

/** Fixed openids so that tests, docs and the persona picker agree. */
export const PERSONAS: Persona[] = [
  { openid: 'demo-courier', name: '张师傅', description: '快递小哥 · 找附近驿站歇歇脚', grants: [] },
  { openid: 'demo-worker', name: '王建国', description: '企业职工', grants: [] },
  { openid: 'demo-parent', name: '李秀梅', description: '职工家长 · 给孩子报暑期托管', grants: [] },
  { openid: 'demo-staff', name: '刘干事', description: '乐陵市总工会 工会干部', grants: [{ role: 'staff', scope: DEMO_COUNTY }] },
  { openid: 'demo-staff-taishan', name: '周干事', description: '泰山体育产业集团工会 工会干部', grants: [{ role: 'staff', scope: 'org-taishan' }] },
  { openid: 'demo-lawyer', name: '陈律师', description: '法律援助律师 · 乐陵市总工会及下级工会', grants: [{ role: 'lawyer', scope: DEMO_COUNTY }] },
  { openid: 'demo-keeper', name: '孙站长', description: '市中街道办事处劳动者驿站 站长', grants: [{ role: 'keeper', scope: 'st-shizhong' }] },
  { openid: 'demo-admin', name: '赵主席', description: '乐陵市总工会 管理员', grants: [{ role: 'admin', scope: DEMO_COUNTY }] },
]
