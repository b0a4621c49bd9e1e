import { createHmac } from 'node:crypto'
import { campaignState, isCorrect, optionPerm, shownAnswer, shownOptions } from '../../cloudfunctions/quiz/engine'
import { parseQuestionsCsv } from '../../cloudfunctions/quiz/import'
import { question, upsertCampaignInput } from '../../src/contracts/quiz/schemas'
import { drawValue, pickByWeight } from '../../cloudfunctions/_core/fairdraw'
import { beijingDay } from '../../src/contracts/time'

describe('scoring', () => {
  const single = { type: 'single' as const, options: ['a', 'b', 'c', 'd'], answer: [2], perm: [3, 2, 0, 1] }
  const multiple = { type: 'multiple' as const, options: ['a', 'b', 'c', 'd'], answer: [0, 2], perm: [2, 3, 1, 0] }
  const judge = { type: 'judge' as const, options: ['正确', '错误'], answer: [1], perm: [0, 1] }

  test('single: the one shown position holding the right option', () => {
    expect(shownOptions(single)).toEqual(['d', 'c', 'a', 'b'])
    expect(shownAnswer(single)).toEqual([1])
    expect(isCorrect(single, [1])).toBe(true)
    expect(isCorrect(single, [2])).toBe(false) // 'a' shown third: the original index 2 is not the answer here
    expect(isCorrect(single, [1, 0])).toBe(false)
    expect(isCorrect(single, [])).toBe(false)
    expect(isCorrect(single, undefined)).toBe(false)
    expect(isCorrect(single, [9])).toBe(false)
  })
  test('multiple: exactly the right set, in any order, no more and no fewer', () => {
    expect(shownAnswer(multiple)).toEqual([0, 3])
    expect(isCorrect(multiple, [3, 0])).toBe(true)
    expect(isCorrect(multiple, [0])).toBe(false)
    expect(isCorrect(multiple, [0, 3, 1])).toBe(false)
    expect(isCorrect(multiple, [0, 0, 3])).toBe(true)
  })
  test('judge: 正确/错误 keep their order', () => {
    expect(optionPerm('judge', 2)).toEqual([0, 1])
    expect(isCorrect(judge, [1])).toBe(true)
    expect(isCorrect(judge, [0])).toBe(false)
  })
  test('options are shuffled per attempt (a permutation, not always the identity)', () => {
    const perms = new Set(Array.from({ length: 50 }, () => optionPerm('single', 4).join('')))
    for (const p of perms) expect([...p].sort().join('')).toBe('0123')
    expect(perms.size).toBeGreaterThan(5)
  })
})

describe('days and states in Beijing time', () => {
  test('the day turns at 16:00 UTC', () => {
    expect(beijingDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22')
    expect(beijingDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
  })
  test('未开始 / 进行中 / 已结束, and closing early ends it', () => {
    const c = { startAt: '2026-11-20T00:00:00.000Z', endAt: '2026-12-01T00:00:00.000Z', closedAt: null }
    expect(campaignState(c, new Date('2026-11-19T00:00:00Z'))).toBe('upcoming')
    expect(campaignState(c, new Date('2026-11-25T00:00:00Z'))).toBe('running')
    expect(campaignState(c, new Date('2026-12-01T00:00:00Z'))).toBe('ended')
    expect(campaignState({ ...c, closedAt: '2026-11-24T00:00:00.000Z' }, new Date('2026-11-25T00:00:00Z'))).toBe('ended')
  })
})

describe('the draw recipe', () => {
  test('a known vector: seed of 64 hex characters, id, value', () => {
    // computed independently: HMAC-SHA256(key='00…01' as text, 'c.p.1'), first 8 bytes big-endian mod 10000
    const seed = '0'.repeat(63) + '1'
    const v = drawValue(seed, 'c.p.1')
    expect(v).toBe(Number(createHmac('sha256', seed).update('c.p.1').digest().readBigUInt64BE(0) % 10000n))
    expect(pickByWeight(0, [{ weight: 1 }])).toBe(0)
    expect(pickByWeight(1, [{ weight: 1 }])).toBe(-1)
    expect(pickByWeight(2999, [{ weight: 1000 }, { weight: 2000 }])).toBe(1)
    expect(pickByWeight(3000, [{ weight: 1000 }, { weight: 2000 }])).toBe(-1)
  })
})

describe('contract', () => {
  test('a true/false question gets 正确/错误 as its options; one right answer only', () => {
    expect(question.parse({ type: 'judge', stem: '题', options: [], answer: [0] }).options).toEqual(['正确', '错误'])
    expect(question.safeParse({ type: 'judge', stem: '题', answer: [0, 1] }).success).toBe(false)
    expect(question.safeParse({ type: 'single', stem: '题', options: ['甲', '甲'], answer: [0] }).success).toBe(false)
  })
  test('end before start is refused on endAt', () => {
    const r = upsertCampaignInput.safeParse({
      title: '活动',
      startAt: '2026-12-01T00:00:00+08:00',
      endAt: '2026-11-01T00:00:00+08:00',
      audience: 'all',
      questionsPerAttempt: 5,
      timeLimitSec: 300,
      passScore: 3,
      attemptsPerDay: 3,
      drawsPerPass: 1,
    })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0].path).toEqual(['endAt'])
  })
})

describe('import parsing', () => {
  test('letters with separators, Chinese true/false words, BOM and 选项A columns', () => {
    const r = parseQuestionsCsv('\ufeff题型,题干,选项A,选项B,选项C,答案\n多选,哪些对？,甲,乙,丙,"A,C"\n判断,对吗？,,,,对')
    expect(r.ok && r.rows.map((x) => x.ok && x.question.answer)).toEqual([[0, 2], [0]])
  })
  test('a broken CSV is one clear message', () => {
    const r = parseQuestionsCsv('题型,题干,选项,答案\n单选,"没有闭合,甲|乙,A')
    expect(r.ok).toBe(false)
  })
})
