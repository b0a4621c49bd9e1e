import type { Apis, InputOf } from '../../src/contracts/api'
import type { TestGateway } from './harness'

/** What upsertCampaign takes; `over` may break it on purpose, so the spread is cast. */
type CampaignInput = InputOf<Apis['quiz']['upsertCampaign']>

/** A running campaign with one question of each type; times relative to the gateway clock (2026-11-23 10:00 北京). */
export function campaignInput(over: Record<string, unknown> = {}): CampaignInput {
  return {
    title: '劳动法律知识竞赛',
    description: '答对 2 题即可抽奖',
    startAt: '2026-11-20T00:00:00+08:00',
    endAt: '2026-12-31T00:00:00+08:00',
    audience: 'all',
    questionsPerAttempt: 3,
    timeLimitSec: 300,
    passScore: 2,
    attemptsPerDay: 3,
    drawsPerPass: 1,
    questions: [
      {
        type: 'single',
        stem: '全国总工会职工服务热线是？',
        options: ['12351', '12345', '12315', '12333'],
        answer: [0],
        explanation: '12351 是职工服务热线。',
      },
      {
        type: 'multiple',
        stem: '下列哪些属于工伤保险待遇？',
        options: ['医疗费用', '一次性伤残补助金', '住院伙食补助费', '年终奖'],
        answer: [0, 1, 2],
        explanation: '年终奖不是。',
      },
      { type: 'judge', stem: '用人单位可以扣押劳动者的身份证。', options: [], answer: [1], explanation: '不得扣押。' },
    ],
    prizes: [
      { name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 3000 },
      { name: '20 元话费', kind: 'phone_credit', quantity: 10, weight: 3000 },
    ],
    ...over,
  } as CampaignInput
}

export async function createCampaign(
  gw: TestGateway,
  staffToken: string,
  over: Record<string, unknown> = {},
): Promise<{ id: string; seedHash: string }> {
  const r = await gw.as(staffToken).call('quiz', 'upsertCampaign', campaignInput(over))
  if (r.status !== 200) throw new Error(JSON.stringify(r))
  return r.data!
}

/** The right shown answers for an attempt, read from the server's store (the client never gets them). */
export async function rightAnswers(gw: TestGateway, attemptId: string): Promise<Record<string, number[]>> {
  const a = (await gw.store.get('quiz_attempts', attemptId)) as unknown as { questions: Array<{ id: string; perm: number[]; answer: number[] }> }
  return Object.fromEntries(a.questions.map((q) => [q.id, q.perm.flatMap((orig, shown) => (q.answer.includes(orig) ? [shown] : []))]))
}

/** Grants `draws` rights to each openid directly in the store (a bench/test shortcut for passing a quiz). */
export async function grantDraws(gw: TestGateway, campaignId: string, openids: string[], draws = 1) {
  for (const openid of openids) {
    await gw.store.put('quiz_players', {
      _id: `${campaignId}:${openid}`,
      campaignId,
      openid,
      name: '',
      drawsLeft: draws,
      drawsGranted: draws,
      drawsUsed: 0,
      attempts: 0,
      passes: 1,
      bestScore: 3,
      bestMs: 60000,
    })
  }
}
