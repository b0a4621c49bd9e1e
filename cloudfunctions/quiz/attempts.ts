import { isMember } from '../_core/member'
import type { quizApi } from '../../src/contracts/quiz/api'
import { HUMAN_MS_PER_QUESTION, SUBMIT_GRACE_MS, type CampaignSummary } from '../../src/contracts/quiz/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import { DuplicateKeyError } from '../_core/store/port'
import { campaignState, isCorrect, optionPerm, shownAnswer, shownOptions, shuffled } from './engine'
import { ATTEMPTS, CAMPAIGNS, DAY_COUNTS, PLAYERS, QUESTIONS, type AttemptDoc, type CampaignDoc, type PlayerDoc, type QuestionDoc } from './model'
import { bumpCounter, bumpStats, campaignOr404, playerId, prizeViews, running } from './shared'
import { checkLevelOpen, hasLevels, levelDayCountId, levelViews, recordLevelTry } from './levels'
import { formatCertCode } from '../../src/contracts/quiz/levels'
import { beijingDay } from '../../src/contracts/time'

/** 答题 from the player's side: the campaign list, starting an attempt and submitting it. */

async function ensurePlayer(ctx: Ctx, campaignId: string): Promise<void> {
  try {
    await ctx.store.insert(PLAYERS, {
      _id: playerId(campaignId, ctx.caller.openid),
      campaignId,
      openid: ctx.caller.openid,
      name: ctx.caller.name,
      drawsLeft: 0,
      drawsGranted: 0,
      drawsUsed: 0,
      attempts: 0,
      passes: 0,
      bestScore: -1,
      bestMs: 0,
      levelsPassed: 0,
      certCode: '',
    })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
}

/** A member by the membership rules (正常 or 保留会籍; not 已转出/已注销): cloudfunctions/_core/member.ts. */
export { isMember }

/** `withLevels: false` for the list: the path costs a read per level, and only the campaign page shows it. */
export async function summary(ctx: Ctx, c: CampaignDoc, withLevels = true): Promise<CampaignSummary> {
  const now = ctx.now()
  const [player, today] = await Promise.all([
    ctx.store.get<PlayerDoc>(PLAYERS, playerId(c._id, ctx.caller.openid)),
    ctx.store.get<{ _id: string; n: number }>(DAY_COUNTS, `${c._id}:${ctx.caller.openid}:${beijingDay(now)}`),
  ])
  const state = campaignState(c, now)
  return {
    id: c._id,
    title: c.title,
    description: c.description,
    startAt: c.startAt,
    endAt: c.closedAt && c.closedAt < c.endAt ? c.closedAt : c.endAt,
    state,
    audience: c.audience,
    questionsPerAttempt: c.questionsPerAttempt,
    timeLimitSec: c.timeLimitSec,
    passScore: c.passScore,
    attemptsPerDay: c.attemptsPerDay,
    attemptsLeftToday: state === 'running' ? Math.max(0, c.attemptsPerDay - (today?.n ?? 0)) : 0,
    drawsLeft: player?.drawsLeft ?? 0,
    bestScore: player && player.bestScore >= 0 ? player.bestScore : null,
    seedHash: c.seedHash,
    showRanking: c.showRanking,
    prizes: await prizeViews(ctx.store, c),
    levels: withLevels ? await levelViews(ctx, c, state === 'running') : [],
    levelCount: c.levels?.length ?? 0,
    levelOpening: c.levelOpening ?? 'daily',
    certificateCode: player?.certCode ? formatCertCode(player.certCode) : null,
    practiceAvailable: state === 'ended' || !!c.practiceOpen,
    prizeMode: c.prizeMode ?? 'draw',
  }
}

export const listCampaignsAction: Impl<typeof quizApi.listCampaigns> = {
  handler: async (_input, ctx) => {
    const docs = await ctx.store.find<CampaignDoc>(CAMPAIGNS, { orderBy: [['startAt', 'desc']], limit: 50 })
    const items = await Promise.all(docs.map((c) => summary(ctx, c, false)))
    const rank = { running: 0, upcoming: 1, ended: 2 }
    items.sort((a, b) => rank[a.state] - rank[b.state])
    return { items }
  },
}

export const startAction: Impl<typeof quizApi.start> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const now = ctx.now()
    running(c, now)
    if (c.audience === 'members' && !(await isMember(ctx.store, ctx.caller.openid))) throw forbidden('本活动仅限工会会员参加，入会后即可答题')
    // 闯关: the level must be open and reached; it has its own bank, question count and tries per day.
    const lvl = hasLevels(c) ? await checkLevelOpen(ctx, c, input.level) : null
    const level = lvl ? input.level : undefined
    const perAttempt = lvl ? lvl.questionsPerAttempt : c.questionsPerAttempt
    const triesPerDay = lvl ? lvl.attemptsPerDay : c.attemptsPerDay
    const toClient = (a: AttemptDoc) => ({
      ...(a.level !== undefined ? { level: a.level } : {}),
      attemptId: a._id,
      deadline: a.deadline,
      questions: a.questions.map((q) => ({ id: q.id, type: q.type, stem: q.stem, options: shownOptions(q) })),
    })
    // Reopening the page mid-quiz resumes the same attempt (same questions, same clock) rather than spending another.
    const [open] = await ctx.store
      .find<AttemptDoc>(ATTEMPTS, {
        where: { campaignId: c._id, openid: ctx.caller.openid, status: 'open', deadline: { $gt: now.toISOString() } },
        limit: 5,
      })
      .then((xs) => xs.filter((x) => x.level === level))
    if (open) return toClient(open)
    const bank = await ctx.store.find<QuestionDoc>(QUESTIONS, {
      where: { campaignId: c._id, ...(level !== undefined ? { level } : {}) },
      limit: 1000,
    })
    if (bank.length < perAttempt) throw new AppError('CLOSED', '题库还在准备中，请稍后再来')
    const day = beijingDay(now)
    const countId = level !== undefined ? levelDayCountId(c._id, ctx.caller.openid, day, level) : `${c._id}:${ctx.caller.openid}:${day}`
    if (!(await bumpCounter(ctx.store, DAY_COUNTS, countId, triesPerDay, { campaignId: c._id, openid: ctx.caller.openid, day }))) {
      throw conflict(
        level !== undefined ? `第 ${level + 1} 关今天的 ${triesPerDay} 次机会已用完，明天再来` : `今天的 ${triesPerDay} 次答题机会已用完，明天再来`,
      )
    }
    await ensurePlayer(ctx, c._id)
    const picked = shuffled(bank).slice(0, perAttempt)
    const attempt: AttemptDoc = {
      _id: newId(),
      campaignId: c._id,
      openid: ctx.caller.openid,
      name: ctx.caller.name,
      day,
      ...(level !== undefined ? { level } : {}),
      status: 'open',
      startedAt: now.toISOString(),
      deadline: new Date(now.getTime() + c.timeLimitSec * 1000).toISOString(),
      questions: picked.map((q) => ({
        id: q._id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        perm: optionPerm(q.type, q.options.length),
        answer: q.answer,
        explanation: q.explanation,
      })),
    }
    await ctx.store.insert(ATTEMPTS, attempt)
    await ctx.store.update(PLAYERS, { _id: playerId(c._id, ctx.caller.openid) }, { inc: { attempts: 1 } })
    return toClient(attempt)
  },
}

export const submitAction: Impl<typeof quizApi.submit> = {
  handler: async (input, ctx) => {
    const a = await ctx.store.get<AttemptDoc>(ATTEMPTS, input.attemptId)
    if (!a || a.openid !== ctx.caller.openid) throw notFound('答题记录不存在')
    if (a.status !== 'open') throw conflict('这次答题已经提交过了，不能重复提交')
    const now = ctx.now()
    if (now.getTime() > Date.parse(a.deadline) + SUBMIT_GRACE_MS) {
      await ctx.store.update(ATTEMPTS, { _id: a._id, status: 'open' }, { set: { status: 'expired' } })
      throw new AppError('CLOSED', '答题时间已到，本次作答无效')
    }
    const c = await campaignOr404(ctx.store, a.campaignId)
    const marks = a.questions.map((q) => isCorrect(q, input.answers[q.id]))
    const score = marks.filter(Boolean).length
    const lvl = a.level !== undefined ? c.levels?.[a.level] : undefined
    const passScore = lvl ? lvl.passScore : c.passScore
    const passed = score >= passScore
    const durationMs = Math.max(0, now.getTime() - Date.parse(a.startedAt))
    const flagged = durationMs < HUMAN_MS_PER_QUESTION * a.questions.length
    // The one transition open → submitted: a replay or a second tab finds no open attempt and changes nothing.
    const changed = await ctx.store.update(
      ATTEMPTS,
      { _id: a._id, status: 'open' },
      { set: { status: 'submitted', submittedAt: now.toISOString(), score, passed, durationMs, flagged, answers: input.answers } },
    )
    if (!changed) throw conflict('这次答题已经提交过了，不能重复提交')
    const pid = playerId(c._id, a.openid)
    // 闯关: draws come with the certificate, when the last level is passed; a plain campaign grants them per pass.
    const levelResult = lvl ? await recordLevelTry(ctx, c, a, score, passed) : null
    const drawsGranted = levelResult ? levelResult.drawsGranted : passed ? c.drawsPerPass : 0
    if (drawsGranted && !levelResult) await ctx.store.update(PLAYERS, { _id: pid }, { inc: { drawsLeft: drawsGranted, drawsGranted, passes: 1 } })
    // Best score, then the faster time on a tie: two guarded updates, never a read-then-write.
    if (!(await ctx.store.update(PLAYERS, { _id: pid, bestScore: { $lt: score } }, { set: { bestScore: score, bestMs: durationMs } }))) {
      await ctx.store.update(PLAYERS, { _id: pid, bestScore: score, bestMs: { $gt: durationMs } }, { set: { bestMs: durationMs } })
    }
    const stat: Record<string, number> = { attempts: 1, passed: passed ? 1 : 0 }
    a.questions.forEach((q, i) => {
      const key = q.id.replace(/[^A-Za-z0-9_]/g, '_')
      stat[`a_${key}`] = 1
      stat[`c_${key}`] = marks[i] ? 1 : 0
    })
    await bumpStats(ctx.store, c._id, a.day, stat)
    return {
      score,
      total: a.questions.length,
      passed,
      passScore,
      drawsGranted,
      prizeMode: c.prizeMode ?? 'draw',
      ...(a.level !== undefined ? { level: a.level } : {}),
      ...(levelResult?.certificateCode ? { certificateCode: levelResult.certificateCode } : {}),
      review: a.questions.map((q, i) => ({
        questionId: q.id,
        correct: marks[i],
        answer: shownAnswer(q),
        yours: [...(input.answers[q.id] ?? [])].sort((x, y) => x - y),
        explanation: q.explanation,
      })),
    }
  },
}
