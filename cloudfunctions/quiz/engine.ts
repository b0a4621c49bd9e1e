import { createHash, randomInt } from 'node:crypto'
import type { CampaignState, QuestionType } from '../../src/contracts/quiz/schemas'
import type { AttemptQuestion, CampaignDoc } from './model'

export function campaignState(c: Pick<CampaignDoc, 'startAt' | 'endAt' | 'closedAt'>, now: Date): CampaignState {
  const t = now.toISOString()
  if (c.closedAt || t >= c.endAt) return 'ended'
  return t < c.startAt ? 'upcoming' : 'running'
}

/** Fisher–Yates with a cryptographic source: the order can't be predicted from earlier attempts. */
export function shuffled<T>(items: readonly T[], rand: (n: number) => number = randomInt): T[] {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = rand(i + 1)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** The permutation shown for one question: true/false keeps 正确 before 错误, the others are shuffled. */
export function optionPerm(type: QuestionType, n: number, rand?: (n: number) => number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i)
  return type === 'judge' ? ids : shuffled(ids, rand)
}

/** The options as the client sees them. */
export function shownOptions(q: Pick<AttemptQuestion, 'options' | 'perm'>): string[] {
  return q.perm.map((orig) => q.options[orig])
}

/** Shown positions of the right answer, ascending. */
export function shownAnswer(q: Pick<AttemptQuestion, 'answer' | 'perm'>): number[] {
  return q.perm.flatMap((orig, shown) => (q.answer.includes(orig) ? [shown] : [])).sort((a, b) => a - b)
}

/**
 * Whether the shown positions a person picked are right: the picked set must equal the answer set exactly
 * (a multiple-choice question with one right option missing, or one wrong one added, is wrong).
 */
export function isCorrect(q: Pick<AttemptQuestion, 'answer' | 'perm' | 'type'>, picked: readonly number[] | undefined): boolean {
  if (!picked || !picked.length) return false
  const orig = new Set<number>()
  for (const shown of picked) {
    if (!Number.isInteger(shown) || shown < 0 || shown >= q.perm.length) return false
    orig.add(q.perm[shown])
  }
  if (q.type !== 'multiple' && orig.size !== 1) return false
  return orig.size === q.answer.length && q.answer.every((a) => orig.has(a))
}

/** A stable, non-reversible tag for a person within a campaign, used in public draw ids. */
function personTag(campaignId: string, openid: string): string {
  return createHash('sha256').update(`${campaignId}:${openid}`).digest('hex').slice(0, 16)
}

/** The n-th draw (1-based) of a person in a campaign: the same id on every retry, so nothing is re-rolled. */
export function drawIdOf(campaignId: string, openid: string, n: number): string {
  return `${campaignId}.${personTag(campaignId, openid)}.${n}`
}

export function maskAddress(address: string): string {
  const chars = [...address]
  return chars.length <= 6 ? chars.slice(0, 2).join('') + '****' : chars.slice(0, 6).join('') + '****'
}
