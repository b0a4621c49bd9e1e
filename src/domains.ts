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

/** The groups of 我的, in the order shown: 我的服务, 个人信息与隐私, 工作人员 (帮助 is the page's own). */
export type MeGroup = 'services' | 'privacy' | 'staff'

export interface Entry {
  title: string
  url: string
  badge?: BadgeSource
  /** with a badge on a 工作台 tile: its line in 待办, `{n}` standing for the count (「{n} 份入会申请待审核」) */
  todo?: string
  /** 我的 only: the group the entry sits in; 我的服务 when absent */
  group?: MeGroup
  /** 我的 only: a short grey hint beside the title */
  hint?: string
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
  /** the home grid's tile; absent for domains that are no service of their own (消息中心) */
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
    pages: [
      'index/index',
      'apply/index',
      'card/index',
      'review/index',
      'review-detail/index',
      'verify/index',
      'transfer/index',
      'transfers/index',
      'stats/index',
      'roster/index',
      'claim/index',
      'lookup/index',
      'drives/index',
      'inactive/index',
    ],
    me: [
      { title: '我的会员卡', url: '/pages/membership/card/index' },
      { title: '我的入会申请', url: '/pages/membership/index/index' },
    ],
    workbench: [
      {
        title: '入会审核',
        subtitle: '审核职工入会申请、导出会员名单',
        url: '/pages/membership/review/index',
        roles: STAFF,
        badge: { fn: 'membership', action: 'pendingCount' },
        todo: '{n} 份入会申请待审核',
      },
      { title: '会员卡核验', subtitle: '扫码或粘贴二维码内容核验真伪', url: '/pages/membership/verify/index', roles: STAFF },
      {
        title: '会籍转移',
        subtitle: '审核转入本工会的会员，查看转出',
        url: '/pages/membership/transfers/index',
        roles: STAFF,
        badge: { fn: 'membership', action: 'transferPendingCount' },
        todo: '{n} 份会籍转入待审核',
      },
      { title: '统计', subtitle: '各工会会员、逐月入会、各街道驿站', url: '/pages/membership/stats/index', roles: STAFF },
      { title: '会员名册导入', subtitle: '把已有会员从 Excel 导入，本人认证后领卡', url: '/pages/membership/roster/index', roles: STAFF },
      { title: '集中入会', subtitle: '为活动生成入会码，按活动统计入会人数', url: '/pages/membership/drives/index', roles: STAFF },
      { title: '半年无活动会员', subtitle: '年度核查名单，逐一标记保留或已查看', url: '/pages/membership/inactive/index', roles: STAFF },
    ],
  },
  {
    key: 'childcare',
    name: '子女托管',
    icon: 'childcare',
    home: { subtitle: '暑期、寒假、春秋假和课后托管', open: true, url: '/pages/childcare/index/index' },
    pages: [
      'index/index',
      'class/index',
      'children/index',
      'mine/index',
      'manage/index',
      'edit/index',
      'roster/index',
      'checkin/index',
      'access/index',
      'intent/index',
      'demand/index',
    ],
    me: [
      { title: '我的预约', url: '/pages/childcare/mine/index' },
      { title: '托管意向登记', url: '/pages/childcare/intent/index' },
      { title: '孩子信息', url: '/pages/childcare/children/index' },
    ],
    workbench: [
      { title: '托管班管理', subtitle: '开班、名额与候补、花名册与导出', url: '/pages/childcare/manage/index', roles: STAFF },
      { title: '托管意向统计', subtitle: '开班前家长登记的人数，按街道和年级', url: '/pages/childcare/demand/index', roles: STAFF },
      { title: '托管签到', subtitle: '扫家长的二维码或输入签到码', url: '/pages/childcare/checkin/index', roles: STAFF },
      { title: '未成年人信息访问记录', subtitle: '谁看过孩子信息；导出年度审计表', url: '/pages/childcare/access/index', roles: ['admin'] },
    ],
  },
  {
    key: 'legalAid',
    name: '法律援助',
    icon: 'legalAid',
    home: { subtitle: '劳动纠纷免费咨询', open: true, url: '/pages/legalAid/index/index' },
    pages: [
      'index/index',
      'apply/index',
      'detail/index',
      'queue/index',
      'stats/index',
      'access/index',
      'consult/index',
      'answers/index',
      'faqs/index',
    ],
    me: [
      { title: '我的法律援助', url: '/pages/legalAid/index/index' },
      { title: '我的法律咨询', url: '/pages/legalAid/consult/index' },
    ],
    workbench: [
      {
        title: '法援受理',
        subtitle: '受理职工法律援助申请、指派律师、统计',
        url: '/pages/legalAid/queue/index',
        roles: STAFF,
        badge: { fn: 'legalAid', action: 'newCount' },
        todo: '{n} 件法律援助申请待受理',
      },
      {
        title: '我的案件',
        subtitle: '办理指派给我的法律援助案件',
        url: '/pages/legalAid/queue/index',
        roles: ['lawyer'],
        badge: { fn: 'legalAid', action: 'myCaseCount' },
        todo: '{n} 件案件在办理',
      },
      {
        title: '法律咨询',
        subtitle: '按提问先后解答职工的法律咨询',
        url: '/pages/legalAid/answers/index',
        roles: [...STAFF, 'lawyer'],
        badge: { fn: 'legalAid', action: 'consultCount' },
        todo: '{n} 条法律咨询待解答',
      },
      { title: '常见问答', subtitle: '编辑职工提问前看到的常见问答', url: '/pages/legalAid/faqs/index', roles: STAFF },
    ],
  },
  {
    key: 'stations',
    name: '户外驿站',
    icon: 'stations',
    home: { subtitle: '歇脚·喝水·充电', open: true, url: '/pages/stations/list/index' },
    pages: [
      'list/index',
      'detail/index',
      'report/index',
      'manage/index',
      'edit/index',
      'import/index',
      'reports/index',
      'checkin/index',
      'poster/index',
      'visits/index',
    ],
    workbench: [
      { title: '驿站管理', subtitle: '新增、编辑驿站，批量导入', url: '/pages/stations/manage/index', roles: ['staff', 'admin', 'keeper'] },
      {
        title: '反馈处理',
        subtitle: '回复快递小哥反馈的驿站问题',
        url: '/pages/stations/reports/index',
        roles: ['keeper', 'staff', 'admin'],
        badge: { fn: 'stations', action: 'openReportCount' },
        todo: '{n} 条驿站反馈待回复',
      },
      {
        title: '驿站服务人次',
        subtitle: '扫码签到人次，按日、周、月和职业统计',
        url: '/pages/stations/visits/index',
        roles: ['keeper', 'staff', 'admin'],
      },
    ],
  },
  {
    key: 'messages',
    name: '消息',
    icon: 'messages',
    pages: ['index/index', 'announcements/index', 'announcement/index', 'publish/index', 'delivery/index'],
    me: [{ title: '消息中心', url: '/pages/messages/index/index', badge: { fn: 'messages', action: 'unreadCount' } }],
    workbench: [
      { title: '通知公告', subtitle: '发布、修改、撤回通知公告', url: '/pages/messages/announcements/index', roles: STAFF },
      { title: '通知发送情况', subtitle: '近 7 天通知是否送达微信、失败原因', url: '/pages/messages/delivery/index', roles: ['admin'] },
    ],
  },
  {
    // 个人信息 and 删除我的数据 (个人信息保护法): reached from 我的 only, no home tile.
    key: 'profile',
    name: '个人信息',
    icon: 'profile',
    pages: ['index/index'],
    me: [{ title: '个人信息', url: '/pages/profile/index/index', group: 'privacy', hint: '手机号、删除我的数据' }],
  },
  {
    key: 'quiz',
    name: '答题抽奖',
    icon: 'quiz',
    home: { subtitle: '学知识赢好礼', open: true, url: '/pages/quiz/index/index' },
    pages: [
      'index/index',
      'campaign/index',
      'play/index',
      'draw/index',
      'claim/index',
      'prizes/index',
      'winners/index',
      'manage/index',
      'edit/index',
      'stats/index',
      'delivery/index',
      'lesson/index',
      'certificate/index',
      'verify/index',
      'practice/index',
      'redeem/index',
      'vouchers/index',
    ],
    me: [{ title: '我的奖品', url: '/pages/quiz/prizes/index' }],
    workbench: [
      { title: '答题活动', subtitle: '题库、奖品、统计与中奖名单导出', url: '/pages/quiz/manage/index', roles: STAFF },
      { title: '驿站券核销', subtitle: '扫中奖职工的券码，每张只能用一次', url: '/pages/quiz/redeem/index', roles: ['keeper'] },
    ],
  },
  {
    // 组织架构: the org tree, 街道/乡镇 and the employers that route 入会 applications; admins only, each within
    // the union they administer.
    key: 'orgs',
    name: '组织架构',
    icon: 'orgs',
    pages: ['index/index', 'org/index', 'areas/index', 'employers/index', 'employer/index', 'import/index', 'holidays/index'],
    workbench: [
      { title: '组织架构', subtitle: '组织树、街道/乡镇，Excel 批量导入', url: '/pages/orgs/index/index', roles: ['admin'] },
      { title: '用人单位', subtitle: '单位名称和别名决定入会申请分派到哪个工会', url: '/pages/orgs/employers/index', roles: ['admin'] },
      {
        title: '节假日安排',
        subtitle: '录入国务院办公厅的放假和调休，法律援助期限按它计算',
        url: '/pages/orgs/holidays/index',
        roles: ['admin'],
        badge: { fn: 'orgs', action: 'holidayWarning' },
        todo: '下一年的节假日安排还没有录入',
      },
    ],
  },
  {
    key: 'account',
    name: '工作人员',
    icon: 'account',
    pages: ['activate/index', 'invite/index', 'roles/index'],
    me: [{ title: '工作人员激活', url: '/pages/account/activate/index', group: 'staff', hint: '输入激活码或邀请码' }],
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

/** A tile's line in 待办: its `todo` with the count in it, else 「入会审核 3 项」. */
export function todoText(tile: WorkbenchTile, count: number): string {
  return tile.todo ? tile.todo.replace('{n}', String(count)) : `${tile.title} ${count} 项`
}
