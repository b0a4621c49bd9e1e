import type { quizApi } from '../../src/contracts/quiz/api'
import type { WrongItem } from '../../src/contracts/quiz/practice'
import type { Impl } from '../_core/contract'
import { AppError, forbidden } from '../_core/errors'
import { isMember } from './attempts'
import { campaignState, isCorrect, shownAnswer, shownOptions } from './engine'
import { ATTEMPTS, QUESTIONS, type AttemptDoc, type QuestionDoc } from './model'
import { campaignOr404 } from './shared'

/** 题库练习 and 错题本 (see src/contracts/quiz/practice.ts): reads only, nothing scored, no draws. */

export const practiceAction: Impl<typeof quizApi.practice> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    // While the campaign runs the bank is what is being tested: it opens only when staff chose 练习模式.
    if (campaignState(c, ctx.now()) !== 'ended' && !c.practiceOpen) throw new AppError('CLOSED', '活动结束后开放题库练习')
    if (c.audience === 'members' && !(await isMember(ctx.store, ctx.caller.openid))) throw forbidden('本活动仅限工会会员参加')
    const qs = await ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: c._id }, orderBy: [['order', 'asc']], limit: 1000 })
    return {
      questions: qs.map((q) => ({
        id: q._id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        explanation: q.explanation,
        ...(q.level !== undefined ? { level: q.level } : {}),
      })),
    }
  },
}

export const wrongBookAction: Impl<typeof quizApi.wrongBook> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const tries = await ctx.store.find<AttemptDoc>(ATTEMPTS, {
      where: { campaignId: c._id, openid: ctx.caller.openid, status: 'submitted' },
      limit: 500,
    })
    tries.sort((a, b) => String(a.submittedAt).localeCompare(String(b.submittedAt)))
    // The latest answer to each question decides: one answered right later leaves the book.
    const book = new Map<string, WrongItem>()
    for (const a of tries) {
      const answers = (a.answers ?? {}) as Record<string, number[]>
      for (const q of a.questions) {
        const picked = answers[q.id]
        if (isCorrect(q, picked)) {
          book.delete(q.id)
          continue
        }
        book.set(q.id, {
          questionId: q.id,
          type: q.type,
          stem: q.stem,
          options: shownOptions(q),
          yours: [...(picked ?? [])].sort((x, y) => x - y),
          answer: shownAnswer(q),
          explanation: q.explanation,
          at: String(a.submittedAt ?? a.startedAt),
          times: (book.get(q.id)?.times ?? 0) + 1,
        })
      }
    }
    return { items: [...book.values()].reverse() }
  },
}
