import type { DemoContext } from '../_core/module'
import type { Store } from '../_core/store/port'
import { dueAt } from './deadlines'
import { CASES, SETTINGS, type CaseDoc } from './model'
import { seedFaqs } from './faq-seed'

/** A second lawyer, on 泰山体育's own list only: not assignable to county cases, and no reader of others' cases. */
const SECOND_LAWYER = { openid: 'demo-lawyer2', name: '李律师' }

const DAY = 24 * 3600e3

/**
 * Demo: the county counts working days (as local union rules do); one 群体欠薪 case waiting in the queue and
 * one closed 工伤 case for the stats. Seed data is written without keys, so its phones are stored masked only.
 */
export async function seedLegalAid(store: Store, { now, countyId }: DemoContext): Promise<void> {
  await store.put('users', { _id: SECOND_LAWYER.openid, name: SECOND_LAWYER.name, grants: [{ role: 'lawyer', scope: 'org-taishan' }] })
  await store.put(SETTINGS, { _id: countyId, decisionDays: 7, assignDays: 3, unit: 'workdays' })
  const base = {
    fileIds: [],
    orgId: countyId,
    orgName: '乐陵市总工会',
    phoneCipher: null,
    amount: null,
    form: null,
    declineReason: null,
    lawyerOpenid: null,
    lawyerName: null,
    outcome: null,
    amountRecovered: null,
    rating: null,
    decidedAt: null,
    assignedAt: null,
    closedAt: null,
    assignDue: null,
    deadlineNote: null,
  }
  const t1 = new Date(now.getTime() - 2 * DAY)
  let due: string | null
  try {
    due = dueAt(t1, 7, 'workdays')
  } catch {
    due = null
  }
  const wage: CaseDoc = {
    ...base,
    _id: 'la_demo_wage',
    applicantOpenid: 'demo-courier',
    applicantName: '张师傅',
    category: 'wage',
    employer: '乐陵市顺达物流有限公司',
    facts: '我们 5 名分拣员 2026 年 8 月至 10 月的工资一直没发，公司说等回款，现在负责人电话也不接。',
    claim: '要求支付拖欠的三个月工资。',
    amount: 36000,
    phoneMasked: '139****0021',
    groupSize: 5,
    urgent: true,
    priority: 0,
    hardshipExempt: true,
    status: 'submitted',
    submittedAt: t1.toISOString(),
    decisionDue: due,
    dueAt: due,
    deadlineNote: due ? null : '节假日数据未覆盖，无法按工作日计算期限',
    timeline: [{ at: t1.toISOString(), status: 'submitted', note: '已提交至乐陵市总工会（群体案件，优先办理）', by: '张师傅' }],
  }
  const t2 = new Date(now.getTime() - 40 * DAY)
  const at = (days: number) => new Date(t2.getTime() + days * DAY).toISOString()
  const injury: CaseDoc = {
    ...base,
    _id: 'la_demo_injury',
    applicantOpenid: 'demo-parent',
    applicantName: '李秀梅',
    category: 'injury',
    employer: '乐陵市金丝小枣食品厂',
    facts: '2026 年 9 月在包装车间被传送带夹伤左手，单位不给申报工伤。',
    claim: '要求单位申报工伤并支付停工留薪期工资。',
    phoneMasked: '137****5566',
    groupSize: 1,
    urgent: false,
    priority: 1,
    hardshipExempt: true,
    status: 'closed',
    form: 'mediation',
    lawyerOpenid: 'demo-lawyer',
    lawyerName: '陈律师',
    outcome: 'mediated',
    amountRecovered: 18500,
    rating: { score: 5, comment: '陈律师很耐心' },
    submittedAt: at(0),
    decidedAt: at(2),
    assignedAt: at(3),
    closedAt: at(30),
    decisionDue: null,
    dueAt: null,
    timeline: [
      { at: at(0), status: 'submitted', note: '已提交至乐陵市总工会', by: '李秀梅' },
      { at: at(2), status: 'accepted', note: '已受理，援助形式：调解', by: '刘干事' },
      { at: at(3), status: 'assigned', note: '指派陈律师承办', by: '刘干事' },
      { at: at(4), status: 'in_progress', note: '已与单位联系，约定调解时间', by: '陈律师' },
      { at: at(30), status: 'closed', note: '办结：调解成功，挽回 18500 元', by: '陈律师' },
    ],
  }
  await store.put(CASES, wage)
  await store.put(CASES, injury)
  await seedFaqs(store, countyId, now)
}
