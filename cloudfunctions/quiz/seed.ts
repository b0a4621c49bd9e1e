import { newSeed, seedHash } from '../_core/fairdraw'
import type { DemoContext } from '../_core/module'
import type { Store } from '../_core/store/port'
import { CAMPAIGNS, PRIZES, QUESTIONS, type CampaignDoc } from './model'

const DEMO_ID = 'quiz-demo-2026'

/** 10 questions on labour law and work safety, as a county's 普法 quiz would ask them. */
const QUESTIONS_DEMO = [
  {
    type: 'single',
    stem: '用人单位自用工之日起超过多长时间不与劳动者订立书面劳动合同，应当向劳动者每月支付二倍工资？',
    options: ['一个月', '三个月', '六个月', '一年'],
    answer: [0],
    explanation: '《劳动合同法》第八十二条：超过一个月不满一年未订立书面劳动合同的，应当向劳动者每月支付二倍的工资。',
  },
  {
    type: 'single',
    stem: '劳动合同期限三个月以上不满一年的，试用期不得超过多久？',
    options: ['一个月', '二个月', '三个月', '六个月'],
    answer: [0],
    explanation: '《劳动合同法》第十九条。',
  },
  {
    type: 'judge',
    stem: '用人单位可以扣押劳动者的居民身份证。',
    options: [],
    answer: [1],
    explanation: '《劳动合同法》第九条：不得扣押劳动者的居民身份证和其他证件。',
  },
  {
    type: 'multiple',
    stem: '下列哪些属于工伤保险待遇？',
    options: ['医疗费用', '一次性伤残补助金', '住院伙食补助费', '年终奖'],
    answer: [0, 1, 2],
    explanation: '《工伤保险条例》第三十条、第三十五条等。年终奖不属于工伤保险待遇。',
  },
  {
    type: 'single',
    stem: '劳动争议申请仲裁的时效期间为多久？',
    options: ['六个月', '一年', '二年', '三年'],
    answer: [1],
    explanation: '《劳动争议调解仲裁法》第二十七条：仲裁时效期间为一年。',
  },
  {
    type: 'judge',
    stem: '法定节假日安排劳动者工作的，应支付不低于工资百分之三百的工资报酬。',
    options: [],
    answer: [0],
    explanation: '《劳动法》第四十四条。',
  },
  {
    type: 'multiple',
    stem: '高温天气作业，用人单位应当做到哪些？',
    options: ['发放高温津贴', '提供防暑降温饮料', '合理调整作息时间', '要求职工延长工作时间'],
    answer: [0, 1, 2],
    explanation: '《防暑降温措施管理办法》。',
  },
  {
    type: 'single',
    stem: '全国总工会职工服务热线是？',
    options: ['12351', '12345', '12315', '12333'],
    answer: [0],
    explanation: '12351 是全国总工会职工服务热线。',
  },
  { type: 'judge', stem: '快递员、外卖骑手等新就业形态劳动者可以依法加入工会。', options: [], answer: [0], explanation: '《工会法》第三条。' },
  {
    type: 'single',
    stem: '劳动者每日工作时间一般不超过几小时？',
    options: ['6 小时', '8 小时', '10 小时', '12 小时'],
    answer: [1],
    explanation: '《劳动法》第三十六条。',
  },
] as const

export async function seedQuiz(store: Store, { now, countyId }: DemoContext): Promise<void> {
  const day = 86400_000
  const seed = newSeed()
  const prizes = [
    { id: `${DEMO_ID}.p0`, name: '乐陵金丝小枣礼盒', kind: 'goods' as const, quantity: 20, weight: 300 },
    { id: `${DEMO_ID}.p1`, name: '20 元话费', kind: 'phone_credit' as const, quantity: 100, weight: 1200 },
    { id: `${DEMO_ID}.p2`, name: '5 元微信红包', kind: 'red_packet' as const, quantity: 200, weight: 2000 },
    { id: `${DEMO_ID}.p3`, name: '50 元惠民消费券', kind: 'voucher' as const, quantity: 50, weight: 500 },
  ]
  const campaign: CampaignDoc = {
    _id: DEMO_ID,
    orgId: countyId,
    title: '尊法守法·携手筑梦 劳动法律知识竞赛',
    description: '每次随机 5 题，答对 3 题即可抽奖一次；每天可答 3 次，成绩取最好的一次。',
    startAt: new Date(now.getTime() - 3 * day).toISOString(),
    endAt: new Date(now.getTime() + 27 * day).toISOString(),
    closedAt: null,
    audience: 'all',
    questionsPerAttempt: 5,
    timeLimitSec: 300,
    passScore: 3,
    attemptsPerDay: 3,
    drawsPerPass: 1,
    dailyPrizeCap: 40,
    showRanking: true,
    seed,
    seedHash: seedHash(seed),
    prizes,
    createdBy: 'demo-staff',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }
  await store.put(CAMPAIGNS, campaign)
  for (const p of prizes)
    await store.put(PRIZES, { _id: p.id, campaignId: DEMO_ID, name: p.name, kind: p.kind, quantity: p.quantity, remaining: p.quantity })
  let order = 0
  for (const q of QUESTIONS_DEMO) {
    await store.put(QUESTIONS, {
      _id: `${DEMO_ID}.q${order}`,
      campaignId: DEMO_ID,
      order: order++,
      type: q.type,
      stem: q.stem,
      options: q.type === 'judge' ? ['正确', '错误'] : [...q.options],
      answer: [...q.answer],
      explanation: q.explanation,
    })
  }
}
