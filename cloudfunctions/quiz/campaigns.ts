import { maskName } from '../../src/contracts/membership/idcard'
import type { quizApi } from '../../src/contracts/quiz/api'
import type { CampaignEdit, QuizStats } from '../../src/contracts/quiz/schemas'
import { governedOrgIds, governsOrg, scopesOf } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, forbidden, invalid } from '../_core/errors'
import { saveExport } from '../_core/exports'
import { discardUpload, ownUpload } from '../_core/uploads'
import { newSeed, seedHash } from '../_core/fairdraw'
import { newId } from '../_core/ids'
import type { Store } from '../_core/store/port'
import { campaignState } from './engine'
import { parseQuestionsCsv, parseQuestionsFile, type ImportRow } from './import'
import {
  ATTEMPTS,
  CAMPAIGNS,
  DAY_STATS,
  DRAWS,
  PLAYERS,
  PRIZES,
  QUESTIONS,
  type AttemptDoc,
  type CampaignDoc,
  type DrawDoc,
  type PrizeDoc,
  type QuestionDoc,
} from './model'
import { campaignOr404, prizeViews } from './shared'
import { withVoucherTerms } from './vouchers'
import { beijingDay } from '../../src/contracts/time'

/** 答题活动 from the union's side: create and edit, the question bank, closing, statistics and the winners export. */

/** Staff act on campaigns of their org and below; admins on their county. */
async function governedCampaign(ctx: Ctx, id: string): Promise<CampaignDoc> {
  const c = await campaignOr404(ctx.store, id)
  if (!(await governsOrg(ctx.store, ctx.caller, c.orgId))) throw forbidden('这个活动不归您所在的工会管理')
  return c
}

/** Replaces the bank with these questions, keeping the ids (and statistics) of questions sent back with one. */
async function writeQuestions(
  store: Store,
  campaignId: string,
  questions: Array<Omit<QuestionDoc, '_id' | 'campaignId' | 'order'> & { id?: string }>,
  replace: boolean,
) {
  const existing = await store.find<QuestionDoc>(QUESTIONS, { where: { campaignId }, limit: 1000 })
  const keep = new Set(questions.map((q) => q.id).filter(Boolean))
  if (replace) for (const q of existing) if (!keep.has(q._id)) await store.remove(QUESTIONS, { _id: q._id })
  let order = replace ? 0 : existing.reduce((m, q) => Math.max(m, q.order + 1), 0)
  for (const q of questions) {
    const own = q.id && existing.some((e) => e._id === q.id) ? q.id : `${campaignId}.${newId()}`
    await store.put(QUESTIONS, {
      _id: own,
      campaignId,
      order: order++,
      type: q.type,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
      ...(q.level !== undefined ? { level: q.level } : {}),
    })
  }
}

async function allPages<T extends { _id: string }>(
  store: Store,
  collection: string,
  where: Record<string, never> | Parameters<Store['find']>[1],
): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, { ...(where as object), skip, limit: 1000 })
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** Both UTC ISO texts (the contract normalises input times): equal up to the minute. */
const sameMinute = (a: string, b: string) => a.slice(0, 16) === b.slice(0, 16)

export const upsertCampaignAction: Impl<typeof quizApi.upsertCampaign> = {
  audit: 'quiz.campaign',
  handler: async (input, ctx) => {
    const now = ctx.now().toISOString()
    const before = input.id ? await governedCampaign(ctx, input.id) : null
    const orgId = before?.orgId ?? scopesOf(ctx.caller, 'staff')[0] ?? scopesOf(ctx.caller, 'admin')[0]
    if (!orgId) throw forbidden('您的账号没有所属工会，不能创建活动')
    const id = before?._id ?? newId()
    // The edit page shows times to the minute: the same minute sent back is the stored time, not a change.
    if (before) {
      input.startAt = sameMinute(input.startAt, before.startAt) ? before.startAt : input.startAt
      input.endAt = sameMinute(input.endAt, before.endAt) ? before.endAt : input.endAt
    }
    const state = before ? campaignState(before, ctx.now()) : 'upcoming'
    const started = state !== 'upcoming'
    // Once the seed is public (the end passed, or staff closed it) every later draw would be predictable: the
    // campaign never runs again, however its dates are edited. 「再办一期」 copies it with a new seed.
    if (before && state === 'ended' && (input.startAt !== before.startAt || input.endAt !== before.endAt)) {
      throw conflict('活动已结束并公布了抽奖种子，不能再延期或重新开始；如需继续，请用「再办一期」复制成新活动')
    }
    // After the first draw the start, the prize table and the weights are what the draws were made against.
    const drawn = before ? (await ctx.store.count(DRAWS, { campaignId: before._id })) > 0 : false
    if (drawn && input.startAt !== before!.startAt) throw conflict('活动已有人抽奖，开始时间不能再改')
    if (before && (started || drawn) && (before.prizeMode ?? 'draw') !== input.prizeMode) throw conflict('活动开始后不能修改发奖方式')
    // People are part-way along the path: its length stays once the campaign has started.
    if (before && started && (before.levels?.length ?? 0) !== input.levels.length) throw conflict('活动开始后不能增减关卡')
    let prizes = before?.prizes ?? []
    let prizesChanged = false
    if (input.prizes) {
      const next = (await withVoucherTerms(ctx.store, ctx.caller, input.prizes)).map((p, i) => ({ id: `${id}.p${i}`, ...p }))
      prizesChanged = JSON.stringify(next) !== JSON.stringify(prizes)
      // The weights and order are what the committed seed is applied to: fixed once people may draw.
      if (prizesChanged && (started || drawn)) throw conflict('活动开始后不能修改奖品和权重')
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
      levels: input.levels,
      levelOpening: input.levelOpening,
      practiceOpen: input.practiceOpen,
      prizeMode: input.prizeMode,
      createdBy: before?.createdBy ?? ctx.caller.openid,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    }
    doc.seedHash = before?.seedHash ?? seedHash(doc.seed)
    // Stock is rewritten only when the table itself changes: saving the same table again never refills it.
    if (prizesChanged && !started && !drawn) {
      const old = await ctx.store.find<PrizeDoc>(PRIZES, { where: { campaignId: id }, limit: 100 })
      for (const o of old) if (!prizes.some((p) => p.id === o._id)) await ctx.store.remove(PRIZES, { _id: o._id })
      for (const p of prizes)
        await ctx.store.put(PRIZES, { _id: p.id, campaignId: id, name: p.name, kind: p.kind, quantity: p.quantity, remaining: p.quantity })
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
}

export const getCampaignAction: Impl<typeof quizApi.getCampaign> = {
  handler: async (input, ctx): Promise<CampaignEdit> => {
    const c = await governedCampaign(ctx, input.id)
    const qs = await ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: c._id }, orderBy: [['order', 'asc']], limit: 1000 })
    const state = campaignState(c, ctx.now())
    const drawn = (await ctx.store.count(DRAWS, { campaignId: c._id })) > 0
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
      questions: qs.map((q) => ({
        id: q._id,
        type: q.type,
        stem: q.stem,
        options: q.options,
        answer: q.answer,
        explanation: q.explanation,
        ...(q.level !== undefined ? { level: q.level } : {}),
      })),
      levels: c.levels ?? [],
      levelOpening: c.levelOpening ?? 'daily',
      practiceOpen: !!c.practiceOpen,
      prizeMode: c.prizeMode ?? 'draw',
      prizes: await prizeViews(ctx.store, c),
      prizesLocked: state !== 'upcoming' || drawn,
      startLocked: drawn || state === 'ended',
    }
  },
}

export const managedCampaignsAction: Impl<typeof quizApi.managedCampaigns> = {
  handler: async (_input, ctx) => {
    const orgIds = await governedOrgIds(ctx.store, ctx.caller)
    const docs = await ctx.store.find<CampaignDoc>(CAMPAIGNS, { where: { orgId: { $in: orgIds } }, orderBy: [['startAt', 'desc']], limit: 200 })
    const items = []
    for (const c of docs) {
      items.push({
        id: c._id,
        title: c.title,
        startAt: c.startAt,
        endAt: c.endAt,
        state: campaignState(c, ctx.now()),
        questionCount: await ctx.store.count(QUESTIONS, { campaignId: c._id }),
      })
    }
    return { items }
  },
}

export const importQuestionsAction: Impl<typeof quizApi.importQuestions> = {
  handler: async (input, ctx) => {
    await governedCampaign(ctx, input.campaignId)
    const upload = input.fileId ? await ownUpload(ctx, input.fileId, 'sheet') : null
    const parsed = upload ? await parseQuestionsFile(upload.bytes) : parseQuestionsCsv(input.csv ?? '')
    if (!parsed.ok) throw invalid([{ path: upload ? 'fileId' : 'csv', message: parsed.message }], parsed.message)
    const good = parsed.rows.filter((r): r is Extract<ImportRow, { ok: true }> => r.ok)
    if (good.length)
      await writeQuestions(
        ctx.store,
        input.campaignId,
        good.map((r) => r.question),
        input.replace,
      )
    if (upload) await discardUpload(ctx, upload)
    return {
      added: good.length,
      rows: parsed.rows.map((r) => ({ row: r.row, ok: r.ok, stem: r.stem.slice(0, 40), errors: r.ok ? [] : r.errors })),
    }
  },
}

export const closeCampaignAction: Impl<typeof quizApi.closeCampaign> = {
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
}

/**
 * 再办一期: the revealed seed makes an ended campaign's draws predictable, so it never reopens; a new campaign
 * gets its settings, questions and prize table (full stock), a fresh seed, and a start an hour from now that
 * staff then adjust. Nothing of the old campaign's players, attempts or draws carries over.
 */
export const copyCampaignAction: Impl<typeof quizApi.copyCampaign> = {
  audit: 'quiz.campaign',
  handler: async (input, ctx) => {
    const from = await governedCampaign(ctx, input.id)
    if (campaignState(from, ctx.now()) !== 'ended') throw conflict('活动结束后才能再办一期')
    const id = newId()
    const now = ctx.now()
    const startAt = new Date(Math.ceil((now.getTime() + 3600_000) / 3600_000) * 3600_000)
    const length = Math.max(3600_000, new Date(from.endAt).getTime() - new Date(from.startAt).getTime())
    const title = [...`${from.title}（新一期）`].slice(0, 40).join('')
    const prizes = from.prizes.map((p, i) => ({ ...p, id: `${id}.p${i}` }))
    const seed = newSeed()
    const doc: CampaignDoc = {
      ...from,
      _id: id,
      title,
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + length).toISOString(),
      closedAt: null,
      seed,
      seedHash: seedHash(seed),
      prizes,
      copiedFrom: from._id,
      createdBy: ctx.caller.openid,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    }
    for (const p of prizes)
      await ctx.store.put(PRIZES, { _id: p.id, campaignId: id, name: p.name, kind: p.kind, quantity: p.quantity, remaining: p.quantity })
    const qs = await ctx.store.find<QuestionDoc>(QUESTIONS, { where: { campaignId: from._id }, orderBy: [['order', 'asc']], limit: 1000 })
    await writeQuestions(
      ctx.store,
      id,
      qs.map(({ _id: _q, campaignId: _c, order: _o, ...q }) => q),
      true,
    )
    await ctx.store.transaction(async (tx) => {
      await tx.put(CAMPAIGNS, doc)
      const { seed: _s, ...pub } = doc
      await ctx.audit(tx, id, null, pub)
    })
    return { id, seedHash: doc.seedHash }
  },
}

export const statsAction: Impl<typeof quizApi.stats> = {
  handler: async (input, ctx): Promise<QuizStats> => {
    const c = await governedCampaign(ctx, input.campaignId)
    const [participants, days, questions, prizes, flaggedCount, flaggedDocs] = await Promise.all([
      ctx.store.count(PLAYERS, { campaignId: c._id }),
      ctx.store.find<{ _id: string; day: string; [k: string]: unknown }>(DAY_STATS, {
        where: { campaignId: c._id },
        orderBy: [['day', 'asc']],
        limit: 400,
      }),
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
      flagged: flaggedDocs.map((a) => ({
        nameMasked: maskName(a.name || '微信用户'),
        score: a.score ?? 0,
        seconds: Math.round((a.durationMs ?? 0) / 1000),
        at: a.submittedAt ?? a.startedAt,
      })),
      questions: questions.map((q) => {
        const key = q._id.replace(/[^A-Za-z0-9_]/g, '_')
        const asked = sum(`a_${key}`)
        const correct = sum(`c_${key}`)
        return { id: q._id, stem: q.stem, asked, correct, rate: asked ? correct / asked : 0 }
      }),
      prizes: prizes.map((p) => ({ name: p.name, kind: p.kind, quantity: p.quantity, issued: p.quantity - p.remaining })),
      days: days.map((d) => ({ day: d.day, attempts: num(d.attempts), passed: num(d.passed), issued: num(d.issued) })),
    }
  },
}

export const exportWinnersAction: Impl<typeof quizApi.exportWinners> = {
  audit: 'quiz.exportWinners',
  handler: async (input, ctx) => {
    const c = await governedCampaign(ctx, input.campaignId)
    if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
    const draws = await allPages<DrawDoc>(ctx.store, DRAWS, { where: { campaignId: c._id, issued: true }, orderBy: [['at', 'asc']] })
    const { winnersWorkbook } = await import('./export')
    const file = await winnersWorkbook(c.title, draws, ctx.keys.pii)
    await ctx.audit(ctx.store, c._id, null, { count: draws.length })
    return saveExport(ctx, `中奖名单-${c.title}-${beijingDay(ctx.now())}.xlsx`, file, draws.length)
  },
}
