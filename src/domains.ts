import type { ActionName, Apis, FunctionName, OutputOf } from './contracts/api'
import type { Role } from './contracts/roles'

/**
 * The domain manifest: each service is listed once, and the tab pages' content, the app config's
 * subpackages, the home grid, 我的 and the 工作台 are all derived from it. Pure data (no components, no
 * assets), because app.config.ts reads it at build time in Node.
 */

/** A count shown on an entry (待审核 3): any action, of any function, whose contract answers `{count}`. */
export type BadgeSource = {
  [F in FunctionName]: { [A in ActionName<F>]: OutputOf<Apis[F][A]> extends { count: number } ? { fn: F; action: A } : never }[ActionName<F>]
}[FunctionName]

export interface Entry {
  title: string
  url: string
  badge?: BadgeSource
}

export interface WorkbenchTile extends Entry {
  subtitle: string
  /** who sees the tile; the page it opens checks the same roles through the domain's contract */
  roles: Role[]
}

export interface DomainEntry {
  key: FunctionName
  /** Chinese name, as the home tile and titles show it */
  name: string
  /** file name under src/assets/icons/ (a small PNG) */
  icon: string
  /** the home grid tile; a domain without one (account: staff activation) appears only in 我的 and the 工作台 */
  home?: { subtitle: string; open: boolean; url: string }
  /** the subpackage: src/pages/<key>/…, loaded when first opened */
  pages: string[]
  /** what the domain adds to 我的 (my card, my applications, my bookings…) */
  me?: Entry[]
  /** what the domain adds to the 工作台, per role */
  workbench?: WorkbenchTile[]
}

const STAFF: Role[] = ['staff', 'admin']

export const DOMAINS: DomainEntry[] = [
  {
    key: 'membership',
    name: '入会',
    icon: 'membership',
    home: { subtitle: '在线申请加入工会', open: true, url: '/pages/membership/index/index' },
    pages: ['index/index', 'apply/index', 'card/index', 'review/index', 'review-detail/index', 'verify/index'],
    me: [
      { title: '我的会员卡', url: '/pages/membership/card/index' },
      { title: '我的入会申请', url: '/pages/membership/index/index' },
    ],
    workbench: [
      { title: '入会审核', subtitle: '审核职工入会申请、导出会员名单', url: '/pages/membership/review/index', roles: STAFF, badge: { fn: 'membership', action: 'pendingCount' } },
      { title: '会员卡核验', subtitle: '扫码或粘贴二维码内容核验真伪', url: '/pages/membership/verify/index', roles: STAFF },
    ],
  },
  {
    key: 'childcare',
    name: '暑期托管',
    icon: 'childcare',
    home: { subtitle: '职工子女暑期托管', open: false, url: '/pages/childcare/index/index' },
    pages: ['index/index'],
  },
  {
    key: 'legalAid',
    name: '法律援助',
    icon: 'legalAid',
    home: { subtitle: '劳动纠纷免费咨询', open: false, url: '/pages/legalAid/index/index' },
    pages: ['index/index'],
  },
  {
    key: 'stations',
    name: '户外驿站',
    icon: 'stations',
    home: { subtitle: '歇脚·喝水·充电', open: true, url: '/pages/stations/list/index' },
    pages: ['list/index', 'detail/index', 'report/index', 'manage/index', 'edit/index', 'import/index'],
    workbench: [{ title: '驿站管理', subtitle: '新增、编辑驿站，批量导入', url: '/pages/stations/manage/index', roles: ['staff', 'admin', 'keeper'] }],
  },
  {
    key: 'quiz',
    name: '答题抽奖',
    icon: 'quiz',
    home: { subtitle: '学知识赢好礼', open: false, url: '/pages/quiz/index/index' },
    pages: ['index/index'],
  },
  {
    key: 'account',
    name: '工作人员',
    icon: 'account',
    pages: ['activate/index', 'invite/index', 'roles/index'],
    me: [{ title: '工作人员激活', url: '/pages/account/activate/index' }],
    workbench: [
      { title: '邀请工作人员', subtitle: '生成邀请码，邀请工会干部、驿站站长和律师', url: '/pages/account/invite/index', roles: STAFF },
      { title: '人员与角色', subtitle: '查看本工会及下级的工作人员，撤销权限', url: '/pages/account/roles/index', roles: ['admin'] },
    ],
  },
]

export const WORKBENCH_URL = '/pages/staff/index/index'

/** Workbench tiles a person holding `roles` sees, in manifest order. */
export function workbenchTiles(roles: readonly Role[]): Array<WorkbenchTile & { domain: DomainEntry }> {
  return DOMAINS.flatMap((d) => (d.workbench ?? []).filter((t) => t.roles.some((r) => roles.includes(r))).map((t) => ({ ...t, domain: d })))
}
