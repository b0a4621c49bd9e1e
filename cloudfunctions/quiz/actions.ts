import { maskName, maskPhone } from '../../src/contracts/membership/idcard'
import { quizApi } from '../../src/contracts/quiz/api'
import {
  HUMAN_MS_PER_QUESTION,
  NO_PRIZE,
  SUBMIT_GRACE_MS,
  type CampaignEdit,
  type CampaignSummary,
  type MyPrize,
  type PrizeView,
  type QuizStats,
} from '../../src/contracts/quiz/schemas'
import { governedOrgIds, governsOrg, scopesOf } from '../_core/auth'
import { implement, type Ctx } from '../_core/contract'
import { AppError, conflict, forbidden, invalid, notFound } from '../_core/errors'
import { drawValue, newSeed, pickByWeight, seedHash } from '../_core/fairdraw'
import { newId } from '../_core/ids'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { campaignState, drawIdOf, isCorrect, maskAddress, optionPerm, shanghaiDay, shownAnswer, shownOptions, shuffled, voucherCode } from './engine'
import { parseQuestionsCsv, parseQuestionsXlsx, type ImportRow } from './import'
import {
  ATTEMPTS,
  CAMPAIGNS,
  DAILY_ISSUED,
  DAY_COUNTS,
  DAY_STATS,
  DRAWS,
  PLAYERS,
  PRIZES,
  QUESTIONS,
  type AttemptDoc,
  type CampaignDoc,
  type DrawDoc,
  type PlayerDoc,
  type PrizeDoc,
  type QuestionDoc,
} from './model'

/**
 * A draw is created 'pending' with a lease held by the request that created it; only after the lease ends may
 * another request finish it. Exactly one request settles a draw, so stock is taken at most once per draw,
 * except after a crash between the stock decrement and the settle, which loses a unit (never over-issues).
 */
const LEASE_MS = 30_000

const playerId = (campaignId: string, openid: string) => `${campaignId}:${openid}`

async function campaignOr404(store: Store, id: string): Promise<CampaignDoc> {
  const c = await store.get<CampaignDoc>(CAMPAIGNS, id)
  if (!c) throw notFound('活动不存在或已删除')
  return c
}

/** Staff act on campaigns of their org and below; admins on their county. */
async function governedCampaign(ctx: Ctx, id: string): Promise<CampaignDoc> {
  const c = await campaignOr404(ctx.store, id)
  if (!(await governsOrg(ctx.store, ctx.caller, c.orgId))) throw forbidden('这个活动不归您所在的工会管理')
  return c
}

async function prizeViews(store: Store, c: CampaignDoc): Promise<PrizeView[]> {
  const docs = await store.find<PrizeDoc>(PRIZES, { where: { campaignId: c._id }, limit: 100 })
  const byId = new Map(docs.map((d) => [d._id, d]))
  return c.prizes.map((p) => ({ id: p.id, name: p.name, kind: p.kind, quantity: p.quantity, weight: p.weight, remaining: byId.get(p.id)?.remaining ?? 0 }))
}

/** Counter docs with deterministic ids: bump if below the limit, create on first use. Returns false when full. */
async function bumpCounter(store: Store, collection: string, id: string, limit: number, extra: Record<string, unknown> = {}): Promise<boolean> {
  if (await store.update(collection, { _id: id, n: { $lt: limit } }, { inc: { n: 1 } })) return true
  try {
    if (limit < 1) return false
    await store.insert(collection, { _id: id, n: 1, ...extra })
    return true
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    return (await store.update(collection, { _id: id, n: { $lt: limit } }, { inc: { n: 1 } })) > 0
  }
}

/** Adds to a per-day statistics doc, creating it on first use. */
async function bumpStats(store: Store, campaignId: string, day: string, inc: Record<string, number>) {
  const id = `${campaignId}:${day}`
  if (await store.update(DAY_STATS, { _id: id }, { inc })) return
  try {
    await store.insert(DAY_STATS, { _id: id, campaignId, day, ...inc })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    await store.update(DAY_STATS, { _id: id }, { inc })
  }
}

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
    })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
}

async function isMember(store: Store, openid: string): Promise<boolean> {
  return (await store.count('applications', { applicantOpenid: openid, status: 'approved' })) > 0
}

async function summary(ctx: Ctx, c: CampaignDoc): Promise<CampaignSummary> {
  const now = ctx.now()
  const [player, today] = await Promise.all([
    ctx.store.get<PlayerDoc>(PLAYERS, playerId(c._id, ctx.caller.openid)),
    ctx.store.get<{ _id: string; n: number }>(DAY_COUNTS, `${c._id}:${ctx.caller.openid}:${shanghaiDay(now)}`),
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
  }
}

function running(c: CampaignDoc, now: Date) {
  const state = campaignState(c, now)
  if (state === 'upcoming') throw new AppError('CLOSED', '活动还没有开始')
  if (state === 'ended') throw new AppError('CLOSED', '活动已结束')
}

/** Replaces the bank with these questions, keeping the ids (and statistics) of questions sent back with one. */
async function writeQuestions(store: Store, campaignId: string, questions: Array<Omit<QuestionDoc, '_id' | 'campaignId' | 'order'> & { id?: string }>, replace: boolean) {
  const existing = await store.find<QuestionDoc>(QUESTIONS, { where: { campaignId }, limit: 1000 })
  const keep = new Set(questions.map((q) => q.id).filter(Boolean))
  if (replace) for (const q of existing) if (!keep.has(q._id)) await store.remove(QUESTIONS, { _id: q._id })
  let order = replace ? 0 : existing.reduce((m, q) => Math.max(m, q.order + 1), 0)
  for (const q of questions) {
    const own = q.id && existing.some((e) => e._id === q.id) ? q.id : `${campaignId}.${newId()}`
    await store.put(QUESTIONS, { _id: own, campaignId, order: order++, type: q.type, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation })
  }
}

async function issue(ctx: Ctx, c: CampaignDoc, draw: DrawDoc): Promise<DrawDoc> {
  let issued = false
  const prize = draw.intendedIndex >= 0 ? c.prizes[draw.intendedIndex] : undefined
  if (prize) {
    // Daily cap first, stock second; a refused stock gives the day's slot back. Both are guarded atomic
    // increments, so no rush can take either past its limit.
    const capOk = c.dailyPrizeCap == null || (await bumpCounter(ctx.store, DAILY_ISSUED, `${c._id}:${draw.day}`, c.dailyPrizeCap, { campaignId: c._id, day: draw.day }))
    if (capOk) {
      issued = (await ctx.store.update(PRIZES, { _id: prize.id, remaining: { $gt: 0 } }, { inc: { remaining: -1 } })) > 0
      if (!issued && c.dailyPrizeCap != null) await ctx.store.update(DAILY_ISSUED, { _id: `${c._id}:${draw.day}` }, { inc: { n: -1 } })
    }
  }
  const settled: Partial<DrawDoc> = {
    status: 'settled',
    issued,
    prizeId: issued && prize ? prize.id : null,
    prizeName: issued && prize ? prize.name : null,
    kind: issued && prize ? prize.kind : null,
    ...(issued ? { claimStatus: 'unclaimed' as const } : {}),
  }
  await ctx.store.update(DRAWS, { _id: draw._id, status: 'pending' }, { set: settled })
  if (issued) await bumpStats(ctx.store, c._id, draw.day, { issued: 1 })
  return { ...draw, ...settled }
}

const drawAnswer = (d: DrawDoc, drawsLeft: number) => ({
  drawId: d._id,
  won: d.issued,
  ...(d.issued && d.prizeName && d.kind ? { prize: { name: d.prizeName, kind: d.kind } } : {}),
  drawsLeft,
})

function toMyPrize(d: DrawDoc, title: string): MyPrize {
  return {
    drawId: d._id,
    campaignId: d.campaignId,
    campaignTitle: title,
    prizeName: d.prizeName ?? '',
    kind: d.kind ?? 'goods',
    wonAt: d.at,
    claimStatus: d.claimStatus ?? 'unclaimed',
    claimedAt: d.claimedAt,
    phoneMasked: d.phoneMasked,
    addressMasked: d.addressMasked,
    nameMasked: d.claimNameMasked,
    voucherCode: d.voucherCode,
  }
}

async function allPages<T extends { _id: string }>(store: Store, collection: string, where: Record<string, never> | Parameters<Store['find']>[1]): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, { ...(where as object), skip, limit: 1000 })
    out.push(...page)
    if (page.length < 1000) return out
  }
}

export const quizActions = implement(quizApi, {
  upsertCampaign: {
    audit: 'quiz.campaign',
    handler: async (input, ctx) => {
      const now = ctx.now().toISOString()
      const before = input.id ? await governedCampaign(ctx, input.id) : null
      const orgId = before?.orgId ?? scopesOf(ctx.caller, 'staff')[0] ?? scopesOf(ctx.caller, 'admin')[0]
      if (!orgId) throw forbidden('您的账号没有所属工会，不能创建活动')
      const id = before?._id ?? newId()
      const started = before ? campaignState(before, ctx.now()) !== 'upcoming' : false
      let prizes = before?.prizes ?? []
      if (input.prizes) {
        const next = input.prizes.map((p, i) => ({ id: `${id}.p${i}`, ...p }))
        const same = JSON.stringify(next) === JSON.stringify(prizes)
        // The weights and order are what the committed seed is applied to: fixed once people may draw.
        if (!same && started) throw conflict('活动开始后不能修改奖品和权重')
        prizes = next
      }
      const doc: CampaignDoc = {
        _id: id,
        orgId,
        title: input.title,
        description: input.description,
        startAt: input.startAt,
        endAt: input.endAt,
        closedAt: before?.closedAt ?? null,
        audience: input.audience,
        questionsPerAttempt: input.questionsPerAttempt,
        timeLimitSec: input.timeLimitSec,
        passScore: input.passScore,
        attemptsPerDay: input.attemptsPerDay,
        drawsPerPass: input.drawsPerPass,
        dailyPrizeCap: input.dailyPrizeCap ?? null,
        showRanking: input.showRanking,
        seed: before?.seed ?? newSeed(),
        seedHash: '',
        prizes,
        createdBy: before?.createdBy ?? ctx.caller.openid,
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      }
      doc.seedHash = before?.seedHash ?? seedHash(doc.seed)
      if (input.prizes && !started) {
        const old = await ctx.store.find<PrizeDoc>(PRIZES, { where: { campaignId: id }, limit: 100 })
        for (const o of old) if (!prizes.some((p) => p.id === o._id)) await ctx.store.remove(PRIZES, { _id: o._id })
        for (const p of prizes) await ctx.store.put(PRIZES, { _id: p.id, campaignId: id, name: p.name, kind: p.kind, quantity: p.quantity, remaining: p.quantity })
      }
      if (input.questions) await writeQuestions(ctx.store, id, input.questions, true)
      await ctx.store.transaction(async (tx) => {
        await tx.put(CAMPAIGNS, doc)
        const { seed: _s, ...pub } = doc
        const { seed: _b, ...pubBefore } = before ?? { seed: '' }
        await ctx.audit(tx, id, before ? pubBefore : null, pub)
      })
      return { id, seedHash: doc.seedHash }
    },
  },

  getCampaign: {
    handler: async (input, ctx): Promise<CampaignEdit> => {
      const c = await governedCampaign(ctx, input.id)
      const qs = await ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: c._id }, orderBy: [['order', 'asc']], limit: 1000 })
      const state = campaignState(c, ctx.now())
      return {
        id: c._id,
        title: c.title,
        description: c.description,
        startAt: c.startAt,
        endAt: c.endAt,
        audience: c.audience,
        questionsPerAttempt: c.questionsPerAttempt,
        timeLimitSec: c.timeLimitSec,
        passScore: c.passScore,
        attemptsPerDay: c.attemptsPerDay,
        drawsPerPass: c.drawsPerPass,
        ...(c.dailyPrizeCap != null ? { dailyPrizeCap: c.dailyPrizeCap } : {}),
        showRanking: c.showRanking,
        seedHash: c.seedHash,
        state,
        questions: qs.map((q) => ({ id: q._id, type: q.type, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation })),
        prizes: await prizeViews(ctx.store, c),
        prizesLocked: state !== 'upcoming',
      }
    },
  },

  managedCampaigns: {
    handler: async (_input, ctx) => {
      const orgIds = await governedOrgIds(ctx.store, ctx.caller)
      const docs = await ctx.store.find<CampaignDoc>(CAMPAIGNS, { where: { orgId: { $in: orgIds } }, orderBy: [['startAt', 'desc']], limit: 200 })
      const items = []
      for (const c of docs) {
        items.push({ id: c._id, title: c.title, startAt: c.startAt, endAt: c.endAt, state: campaignState(c, ctx.now()), questionCount: await ctx.store.count(QUESTIONS, { campaignId: c._id }) })
      }
      return { items }
    },
  },

  importQuestions: {
    handler: async (input, ctx) => {
      await governedCampaign(ctx, input.campaignId)
      let parsed
      if (input.csv) parsed = parseQuestionsCsv(input.csv)
      else if (input.xlsxBase64) parsed = await parseQuestionsXlsx(Buffer.from(input.xlsxBase64, 'base64'))
      else throw invalid([{ path: 'fileId', message: '请在小程序内选择 CSV 或 Excel 文件上传' }], '暂不支持按云存储文件导入，请直接选择文件')
      if (!parsed.ok) throw invalid([{ path: 'csv', message: parsed.message }], parsed.message)
      const good = parsed.rows.filter((r): r is Extract<ImportRow, { ok: true }> => r.ok)
      if (good.length) await writeQuestions(ctx.store, input.campaignId, good.map((r) => r.question), input.replace)
      return {
        added: good.length,
        rows: parsed.rows.map((r) => ({ row: r.row, ok: r.ok, stem: r.stem.slice(0, 40), errors: r.ok ? [] : r.errors })),
      }
    },
  },

  closeCampaign: {
    audit: 'quiz.close',
    handler: async (input, ctx) => {
      const c = await governedCampaign(ctx, input.id)
      const at = ctx.now().toISOString()
      if (!c.closedAt) {
        await ctx.store.transaction(async (tx) => {
          await tx.update(CAMPAIGNS, { _id: c._id }, { set: { closedAt: at } })
          await ctx.audit(tx, c._id, { closedAt: null }, { closedAt: at })
        })
      }
      return { id: c._id, seed: c.seed }
    },
  },

  stats: {
    handler: async (input, ctx): Promise<QuizStats> => {
      const c = await governedCampaign(ctx, input.campaignId)
      const [participants, days, questions, prizes, flaggedCount, flaggedDocs] = await Promise.all([
        ctx.store.count(PLAYERS, { campaignId: c._id }),
        ctx.store.find<{ _id: string; day: string; [k: string]: unknown }>(DAY_STATS, { where: { campaignId: c._id }, orderBy: [['day', 'asc']], limit: 400 }),
        ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: c._id }, orderBy: [['order', 'asc']], limit: 1000 }),
        prizeViews(ctx.store, c),
        ctx.store.count(ATTEMPTS, { campaignId: c._id, flagged: true }),
        ctx.store.find<AttemptDoc>(ATTEMPTS, { where: { campaignId: c._id, flagged: true }, orderBy: [['submittedAt', 'desc']], limit: 20 }),
      ])
      const num = (v: unknown) => (typeof v === 'number' ? v : 0)
      const sum = (k: string) => days.reduce((s, d) => s + num(d[k]), 0)
      const attempts = sum('attempts')
      const passed = sum('passed')
      return {
        participants,
        attempts,
        passed,
        passRate: attempts ? passed / attempts : 0,
        flaggedCount,
        flagged: flaggedDocs.map((a) => ({ nameMasked: maskName(a.name || '微信用户'), score: a.score ?? 0, seconds: Math.round((a.durationMs ?? 0) / 1000), at: a.submittedAt ?? a.startedAt })),
        questions: questions.map((q) => {
          const key = q._id.replace(/[^A-Za-z0-9_]/g, '_')
          const asked = sum(`a_${key}`)
          const correct = sum(`c_${key}`)
          return { id: q._id, stem: q.stem, asked, correct, rate: asked ? correct / asked : 0 }
        }),
        prizes: prizes.map((p) => ({ name: p.name, quantity: p.quantity, issued: p.quantity - p.remaining })),
        days: days.map((d) => ({ day: d.day, attempts: num(d.attempts), passed: num(d.passed), issued: num(d.issued) })),
      }
    },
  },

  exportWinners: {
    audit: 'quiz.exportWinners',
    handler: async (input, ctx) => {
      const c = await governedCampaign(ctx, input.campaignId)
      if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
      const draws = await allPages<DrawDoc>(ctx.store, DRAWS, { where: { campaignId: c._id, issued: true }, orderBy: [['at', 'asc']] })
      const { winnersWorkbook } = await import('./export')
      const file = await winnersWorkbook(c.title, draws, ctx.keys.pii)
      await ctx.audit(ctx.store, c._id, null, { count: draws.length })
      return { filename: `中奖名单-${c.title}-${shanghaiDay(ctx.now())}.xlsx`, base64: file.toString('base64'), count: draws.length }
    },
  },

  listCampaigns: {
    handler: async (_input, ctx) => {
      const docs = await ctx.store.find<CampaignDoc>(CAMPAIGNS, { orderBy: [['startAt', 'desc']], limit: 50 })
      const items = await Promise.all(docs.map((c) => summary(ctx, c)))
      const rank = { running: 0, upcoming: 1, ended: 2 }
      items.sort((a, b) => rank[a.state] - rank[b.state])
      return { items }
    },
  },

  campaign: {
    handler: async (input, ctx) => summary(ctx, await campaignOr404(ctx.store, input.campaignId)),
  },

  start: {
    handler: async (input, ctx) => {
      const c = await campaignOr404(ctx.store, input.campaignId)
      const now = ctx.now()
      running(c, now)
      if (c.audience === 'members' && !(await isMember(ctx.store, ctx.caller.openid))) throw forbidden('本活动仅限工会会员参加，入会后即可答题')
      const toClient = (a: AttemptDoc) => ({
        attemptId: a._id,
        deadline: a.deadline,
        questions: a.questions.map((q) => ({ id: q.id, type: q.type, stem: q.stem, options: shownOptions(q) })),
      })
      // Reopening the page mid-quiz resumes the same attempt (same questions, same clock) rather than spending another.
      const [open] = await ctx.store.find<AttemptDoc>(ATTEMPTS, { where: { campaignId: c._id, openid: ctx.caller.openid, status: 'open', deadline: { $gt: now.toISOString() } }, limit: 1 })
      if (open) return toClient(open)
      const bank = await ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: c._id }, limit: 1000 })
      if (bank.length < c.questionsPerAttempt) throw new AppError('CLOSED', '题库还在准备中，请稍后再来')
      const day = shanghaiDay(now)
      if (!(await bumpCounter(ctx.store, DAY_COUNTS, `${c._id}:${ctx.caller.openid}:${day}`, c.attemptsPerDay, { campaignId: c._id, openid: ctx.caller.openid, day }))) {
        throw conflict(`今天的 ${c.attemptsPerDay} 次答题机会已用完，明天再来`)
      }
      await ensurePlayer(ctx, c._id)
      const picked = shuffled(bank).slice(0, c.questionsPerAttempt)
      const attempt: AttemptDoc = {
        _id: newId(),
        campaignId: c._id,
        openid: ctx.caller.openid,
        name: ctx.caller.name,
        day,
        status: 'open',
        startedAt: now.toISOString(),
        deadline: new Date(now.getTime() + c.timeLimitSec * 1000).toISOString(),
        questions: picked.map((q) => ({ id: q._id, type: q.type, stem: q.stem, options: q.options, perm: optionPerm(q.type, q.options.length), answer: q.answer, explanation: q.explanation })),
      }
      await ctx.store.insert(ATTEMPTS, attempt)
      await ctx.store.update(PLAYERS, { _id: playerId(c._id, ctx.caller.openid) }, { inc: { attempts: 1 } })
      return toClient(attempt)
    },
  },

  submit: {
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
      const passed = score >= c.passScore
      const durationMs = Math.max(0, now.getTime() - Date.parse(a.startedAt))
      const flagged = durationMs < HUMAN_MS_PER_QUESTION * a.questions.length
      // The one transition open → submitted: a replay or a second tab finds no open attempt and changes nothing.
      const changed = await ctx.store.update(ATTEMPTS, { _id: a._id, status: 'open' }, { set: { status: 'submitted', submittedAt: now.toISOString(), score, passed, durationMs, flagged, answers: input.answers } })
      if (!changed) throw conflict('这次答题已经提交过了，不能重复提交')
      const drawsGranted = passed ? c.drawsPerPass : 0
      const pid = playerId(c._id, a.openid)
      if (drawsGranted) await ctx.store.update(PLAYERS, { _id: pid }, { inc: { drawsLeft: drawsGranted, drawsGranted, passes: 1 } })
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
        passScore: c.passScore,
        drawsGranted,
        review: a.questions.map((q, i) => ({ questionId: q.id, correct: marks[i], answer: shownAnswer(q), yours: [...(input.answers[q.id] ?? [])].sort((x, y) => x - y), explanation: q.explanation })),
      }
    },
  },

  draw: {
    rateLimit: { key: (_i, ctx) => `quiz.draw:${ctx.caller.openid}`, max: 10, perMs: 60_000, message: '抽奖太频繁，请稍后再试' },
    handler: async (input, ctx) => {
      const c = await campaignOr404(ctx.store, input.campaignId)
      const now = ctx.now()
      running(c, now)
      const pid = playerId(c._id, ctx.caller.openid)
      // A draw whose right was spent but whose prize was never settled (a crash, a timeout) is finished first,
      // with the outcome its id already fixed.
      // Only a draw whose lease ran out: one still being settled by a concurrent request is left to it.
      const [stale] = await ctx.store.find<DrawDoc>(DRAWS, { where: { campaignId: c._id, openid: ctx.caller.openid, status: 'pending', leaseUntil: { $lt: now.toISOString() } }, limit: 1 })
      const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString()
      if (stale && (await ctx.store.update(DRAWS, { _id: stale._id, status: 'pending', leaseUntil: stale.leaseUntil as string }, { set: { leaseUntil } }))) {
        const done = await issue(ctx, c, stale)
        const p = await ctx.store.get<PlayerDoc>(PLAYERS, pid)
        return drawAnswer(done, p?.drawsLeft ?? 0)
      }
      // Spend one right and record the draw in one transaction: the n-th draw gets the id …n, always.
      const created = await ctx.store.transaction(async (tx) => {
        const p = await tx.get<PlayerDoc>(PLAYERS, pid)
        if (!p || p.drawsLeft <= 0) return null
        const n = p.drawsUsed + 1
        await tx.update(PLAYERS, { _id: pid }, { set: { drawsLeft: p.drawsLeft - 1, drawsUsed: n } })
        const id = drawIdOf(c._id, ctx.caller.openid, n)
        const value = drawValue(c.seed, id)
        const draw: DrawDoc = {
          _id: id,
          campaignId: c._id,
          openid: ctx.caller.openid,
          nameMasked: maskName(ctx.caller.name || '微信用户'),
          n,
          status: 'pending',
          value,
          intendedIndex: pickByWeight(value, c.prizes),
          issued: false,
          prizeId: null,
          prizeName: null,
          kind: null,
          at: now.toISOString(),
          day: shanghaiDay(now),
          leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        }
        await tx.insert(DRAWS, draw)
        return { draw, drawsLeft: p.drawsLeft - 1 }
      })
      if (!created) throw conflict('没有抽奖机会了，答题及格即可获得')
      const done = await issue(ctx, c, created.draw)
      return drawAnswer(done, created.drawsLeft)
    },
  },

  claim: {
    handler: async (input, ctx) => {
      const d = await ctx.store.get<DrawDoc>(DRAWS, input.drawId)
      if (!d || d.openid !== ctx.caller.openid || !d.issued) throw notFound('中奖记录不存在')
      if (d.claimStatus === 'claimed') throw conflict('这个奖品已经领取过了')
      if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
      const { pii } = ctx.keys
      const set: Record<string, unknown> = { claimStatus: 'claimed', claimedAt: ctx.now().toISOString() }
      const missing: { path: string; message: string }[] = []
      if (d.kind === 'goods') {
        if (!input.name) missing.push({ path: 'name', message: '请填写收件人' })
        if (!input.address) missing.push({ path: 'address', message: '请填写收货地址' })
      }
      if ((d.kind === 'goods' || d.kind === 'phone_credit') && !input.phone) missing.push({ path: 'phone', message: d.kind === 'goods' ? '请填写收件人手机号' : '请填写充值手机号' })
      if (missing.length) throw invalid(missing)
      if (input.phone) Object.assign(set, { phoneCipher: pii.encrypt(input.phone), phoneMasked: maskPhone(input.phone) })
      if (d.kind === 'goods') Object.assign(set, { addressCipher: pii.encrypt(input.address), addressMasked: maskAddress(input.address), claimNameMasked: maskName(input.name), nameCipher: pii.encrypt(input.name) })
      if (d.kind === 'voucher') set.voucherCode = voucherCode()
      const changed = await ctx.store.update(DRAWS, { _id: d._id, claimStatus: 'unclaimed' }, { set })
      if (!changed) throw conflict('这个奖品已经领取过了')
      const c = await ctx.store.get<CampaignDoc>(CAMPAIGNS, d.campaignId)
      return toMyPrize({ ...d, ...set } as DrawDoc, c?.title ?? '')
    },
  },

  myPrizes: {
    handler: async (_input, ctx) => {
      const draws = await ctx.store.find<DrawDoc>(DRAWS, { where: { openid: ctx.caller.openid, issued: true }, orderBy: [['at', 'desc']], limit: 200 })
      const titles = new Map<string, string>()
      for (const id of new Set(draws.map((d) => d.campaignId))) titles.set(id, (await ctx.store.get<CampaignDoc>(CAMPAIGNS, id))?.title ?? '')
      return { items: draws.map((d) => toMyPrize(d, titles.get(d.campaignId) ?? '')) }
    },
  },

  winners: {
    handler: async (input, ctx) => {
      const c = await campaignOr404(ctx.store, input.campaignId)
      const draws = await ctx.store.find<DrawDoc>(DRAWS, { where: { campaignId: c._id, issued: true }, orderBy: [['at', 'desc']], limit: 200 })
      return { items: draws.map((d) => ({ nameMasked: d.nameMasked, prizeName: d.prizeName ?? '', wonAt: d.at })) }
    },
  },

  rankings: {
    handler: async (input, ctx) => {
      const c = await campaignOr404(ctx.store, input.campaignId)
      if (!c.showRanking) return { items: [] }
      const top = await ctx.store.find<PlayerDoc>(PLAYERS, { where: { campaignId: c._id, bestScore: { $gte: 0 } }, orderBy: [['bestScore', 'desc'], ['bestMs', 'asc']], limit: 50 })
      return { items: top.map((p, i) => ({ rank: i + 1, nameMasked: maskName(p.name || '微信用户'), score: p.bestScore, seconds: Math.round(p.bestMs / 1000) })) }
    },
  },

  fairness: {
    handler: async (input, ctx) => {
      const c = await campaignOr404(ctx.store, input.campaignId)
      const revealed = campaignState(c, ctx.now()) === 'ended'
      const PAGE = 1000
      const [draws, total] = await Promise.all([
        ctx.store.find<DrawDoc>(DRAWS, { where: { campaignId: c._id }, orderBy: [['at', 'asc'], ['_id', 'asc']], skip: (input.page - 1) * PAGE, limit: PAGE }),
        ctx.store.count(DRAWS, { campaignId: c._id }),
      ])
      return {
        seedHash: c.seedHash,
        ...(revealed ? { seed: c.seed } : {}),
        revealed,
        prizes: c.prizes.map((p) => ({ name: p.name, weight: p.weight })),
        draws: draws.map((d) => ({
          drawId: d._id,
          ...(revealed ? { value: d.value } : {}),
          intendedIndex: d.intendedIndex,
          intended: d.intendedIndex >= 0 ? c.prizes[d.intendedIndex].name : NO_PRIZE,
          issued: d.issued,
        })),
        total,
        page: input.page,
      }
    },
  },
})

