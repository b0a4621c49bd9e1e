import * as z from 'zod'
import '../zod'

/**
 * 儿童个人信息处理规则: what a parent reads and agrees to, as guardian, before the first child is saved
 * (个人信息保护法 第三十一条). The version is recorded with the consent; a new version asks again.
 */
// 2026-12-06: the purpose names every kind of class (寒假, 春秋假, 课后), not only summer; parents agree again.
export const CHILD_RULES_VERSION = '2026-12-06'

/** Retention, stated once: the rules text, the purge timer and the README say the same. */
export const BOOKING_RETENTION_DAYS = 90
export const CHILD_RETENTION_DAYS = 365
export const ACCESS_LOG_RETENTION_YEARS = 3

export const CHILD_RULES_TITLE = '儿童个人信息处理规则'

export const CHILD_RULES: string[] = [
  '1. 收集什么：孩子的姓名、性别、身份证号、年级、学校、健康情况、接送人，以及报名和签到记录。',
  '2. 为什么收集：只用于托管班（暑期、寒假、春秋假和课后）的报名、分班、核对身份、安全接送和签到，不用于其他用途，不向工会以外的任何人提供。',
  '3. 谁能看到：您本人；举办托管班的工会工作人员（只看本班花名册，身份证号只显示部分）。工作人员每次查看花名册或孩子信息都留有记录，管理员每年检查。',
  '4. 怎样保护：身份证号加密保存，页面和导出只显示部分号码。',
  `5. 保存多久：预约和签到记录在托管班结束 ${BOOKING_RETENTION_DAYS} 天后删除（只另存一条不含姓名的出勤率，用于下一期的出勤规则）；孩子信息在最后一期托管班结束（或登记）满 ${CHILD_RETENTION_DAYS} 天后删除。`,
  '6. 您的权利：您可以随时修改或删除孩子信息，也可以在「我的 → 个人信息 → 删除我的数据」一并删除。',
  '7. 您作为孩子的父母或其他监护人同意后，我们才保存孩子的信息；不同意则不能登记孩子，也不能报名。',
]

export const giveConsentInput = z.object({
  version: z.literal(CHILD_RULES_VERSION, { error: '处理规则已更新，请重新阅读后再同意' }),
  guardian: z.literal(true, { error: '请确认您是孩子的父母或其他监护人，并同意处理规则' }),
})

export interface ConsentState {
  version: string
  /** the caller agreed to this version */
  given: boolean
  givenAt?: string
}

export const accessLogInput = z.object({
  year: z.coerce.number({ error: '请选择年份' }).int('年份不正确').min(2020, '年份不正确').max(2100, '年份不正确'),
})

export type AccessWhat = 'roster' | 'export' | 'checkin' | 'lottery'
export const ACCESS_WHAT_LABELS: Record<AccessWhat, string> = {
  roster: '查看花名册',
  export: '导出花名册',
  checkin: '签到（查看孩子）',
  lottery: '抽签结果',
}

export interface AccessEntry {
  at: string
  staffName: string
  orgName: string
  what: AccessWhat
  classTitle: string
  /** how many children's records the view showed */
  children: number
}
