import { maskName } from '../../src/contracts/membership/idcard'
import type { quizApi } from '../../src/contracts/quiz/api'
import { CERT_ALPHABET, formatCertCode, type Level, type LevelView } from '../../src/contracts/quiz/levels'
import { addDays, beijingDay } from '../../src/contracts/time'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import {
  CERTIFICATES,
  DAY_COUNTS,
  LEVEL_PROGRESS,
  PLAYERS,
  type AttemptDoc,
  type CampaignDoc,
  type CertificateDoc,
  type LevelProgressDoc,
  type PlayerDoc,
} from './model'
import { campaignOr404, playerId } from './shared'

/**
 * 闯关. Every step is a guarded single-document write, never a read-then-write: a level's best score only
 * rises (`bestScore < score`), it is passed once (`passed: false → true`, which alone counts it in the
 * player's `levelsPassed`), and the certificate is issued once (`certCode: '' → code` in the same single-document
 * update that grants the campaign's draws). Two submits racing each other count a level once and certify once.
 * The code is a keyed hash of campaign and person, so a retry after a crash lands on the same code and the
 * certificate document (its id is the code) is written idempotently by any later pass.
 */

const levelsOf = (c: CampaignDoc): Level[] => c.levels ?? []
export const hasLevels = (c: CampaignDoc) => levelsOf(c).length > 0
const progressId = (campaignId: string, openid: string, level: number) => `${campaignId}:${openid}:${level}`
/** Each level has its own tries per day. */
export const levelDayCountId = (campaignId: string, openid: string, day: string, level: number) => `${campaignId}:${openid}:${day}:L${level}`

/** The Beijing day level i opens: the start day, plus i days when levels open one a day. */
function levelOpensOn(c: CampaignDoc, i: number): string {
  const first = beijingDay(c.startAt)
  return c.levelOpening === 'all' ? first : addDays(first, i)
}

async function progressOf(ctx: Ctx, c: CampaignDoc, openid: string): Promise<Map<number, LevelProgressDoc>> {
  const docs = await ctx.store.find<LevelProgressDoc>(LEVEL_PROGRESS, { where: { campaignId: c._id, openid }, limit: 100 })
  return new Map(docs.map((d) => [d.level, d]))
}

export async function levelViews(ctx: Ctx, c: CampaignDoc, running: boolean): Promise<LevelView[]> {
  const levels = levelsOf(c)
  if (!levels.length) return []
  const openid = ctx.caller.openid
  const today = beijingDay(ctx.now())
  const progress = await progressOf(ctx, c, openid)
  const used = await Promise.all(
    levels.map((_, i) => ctx.store.get<{ _id: string; n: number }>(DAY_COUNTS, levelDayCountId(c._id, openid, today, i))),
  )
  return levels.map((l, i) => {
    const p = progress.get(i)
    const opensOn = levelOpensOn(c, i)
    return {
      index: i,
      title: l.title,
      questionsPerAttempt: l.questionsPerAttempt,
      passScore: l.passScore,
      attemptsPerDay: l.attemptsPerDay,
      opensOn,
      open: running && opensOn <= today,
      reachable: i === 0 || !!progress.get(i - 1)?.passed,
      passed: !!p?.passed,
      bestScore: p ? p.bestScore : null,
      triesLeftToday: running ? Math.max(0, l.attemptsPerDay - (used[i]?.n ?? 0)) : 0,
      hasLesson: !!(l.lessonText || l.lessonImages.length || l.lessonVideo),
    }
  })
}

/** Refuses a level that does not exist, has not opened, or whose previous level is not passed yet. */
export async function checkLevelOpen(ctx: Ctx, c: CampaignDoc, level: number | undefined): Promise<Level> {
  const levels = levelsOf(c)
  if (level === undefined) throw new AppError('VALIDATION_FAILED', '请选择关卡', [{ path: 'level', message: '请选择关卡' }])
  const l = levels[level]
  if (!l) throw notFound('没有这一关')
  const opensOn = levelOpensOn(c, level)
  if (opensOn > beijingDay(ctx.now()))
    throw new AppError('CLOSED', `第 ${level + 1} 关 ${Number(opensOn.slice(5, 7))}月${Number(opensOn.slice(8, 10))}日开放`)
  if (level > 0) {
    const prev = await ctx.store.get<LevelProgressDoc>(LEVEL_PROGRESS, progressId(c._id, ctx.caller.openid, level - 1))
    if (!prev?.passed) throw new AppError('CLOSED', `先通过第 ${level} 关才能闯这一关`)
  }
  return l
}

/** ZS + 8 characters from a keyed hash: unguessable without the server's key, the same on every retry. */
function certCodeFor(ctx: Ctx, campaignId: string, openid: string): string {
  if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  const hex = ctx.keys.pii.hash(`quiz-certificate:${campaignId}:${openid}`)
  let s = 'ZS'
  for (let i = 0; i < 8; i++) s += CERT_ALPHABET[parseInt(hex.slice(i * 4, i * 4 + 4), 16) % CERT_ALPHABET.length]
  return s
}

async function ensureLevelProgress(ctx: Ctx, a: AttemptDoc, level: number) {
  try {
    await ctx.store.insert(LEVEL_PROGRESS, {
      _id: progressId(a.campaignId, a.openid, level),
      campaignId: a.campaignId,
      openid: a.openid,
      level,
      bestScore: -1,
      passed: false,
      passedAt: null,
    })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
}

/**
 * A submitted try of a level: the best score rises, a first pass counts, and the pass that completes the last
 * level issues the certificate and grants the campaign's draws. Returns the certificate's code when this try
 * issued it, and the draws it granted.
 */
export async function recordLevelTry(
  ctx: Ctx,
  c: CampaignDoc,
  a: AttemptDoc,
  score: number,
  passed: boolean,
): Promise<{ certificateCode?: string; drawsGranted: number }> {
  const level = a.level ?? 0
  const pid = playerId(c._id, a.openid)
  await ensureLevelProgress(ctx, a, level)
  const id = progressId(c._id, a.openid, level)
  await ctx.store.update(LEVEL_PROGRESS, { _id: id, bestScore: { $lt: score } }, { set: { bestScore: score } })
  if (!passed) return { drawsGranted: 0 }
  const first = await ctx.store.update(LEVEL_PROGRESS, { _id: id, passed: false }, { set: { passed: true, passedAt: ctx.now().toISOString() } })
  if (first) await ctx.store.update(PLAYERS, { _id: pid }, { inc: { levelsPassed: 1 } })
  const player = await ctx.store.get<PlayerDoc>(PLAYERS, pid)
  if (!player || (player.levelsPassed ?? 0) < levelsOf(c).length) return { drawsGranted: 0 }
  const code = certCodeFor(ctx, c._id, a.openid)
  const n = c.drawsPerPass
  // One single-document move '' → code grants the draws with it: whichever racing completion makes it, once.
  const won = await ctx.store.update(
    PLAYERS,
    { _id: pid, certCode: '' },
    { set: { certCode: code }, inc: { drawsLeft: n, drawsGranted: n, passes: 1 } },
  )
  if (!won && player.certCode !== code) return { drawsGranted: 0 }
  await writeCertificate(ctx, c, a.openid, a.name, code)
  return { certificateCode: formatCertCode(code), drawsGranted: won ? n : 0 }
}

/** Idempotent (the code is the id): any later pass re-writes it when a request died between the two steps. */
async function writeCertificate(ctx: Ctx, c: CampaignDoc, openid: string, name: string, code: string) {
  if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  const now = ctx.now()
  const doc: CertificateDoc = {
    _id: code,
    campaignId: c._id,
    openid,
    nameCipher: ctx.keys.pii.encrypt(name || '微信用户'),
    nameMasked: maskName(name || '微信用户'),
    campaignTitle: c.title,
    orgId: c.orgId,
    day: beijingDay(now),
    issuedAt: now.toISOString(),
  }
  try {
    await ctx.store.insert(CERTIFICATES, doc)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
}

async function orgName(ctx: Ctx, orgId: string): Promise<string> {
  const org = await ctx.store.get<{ _id: string; name?: string }>('orgs', orgId)
  return org?.name ?? ''
}

export const lessonAction: Impl<typeof quizApi.lesson> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const l = levelsOf(c)[input.level]
    if (!l) throw notFound('没有这一关')
    return { campaignId: c._id, level: input.level, title: l.title, text: l.lessonText, images: l.lessonImages, video: l.lessonVideo }
  },
}

export const myCertificateAction: Impl<typeof quizApi.myCertificate> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const player = await ctx.store.get<PlayerDoc>(PLAYERS, playerId(c._id, ctx.caller.openid))
    if (!player?.certCode) return null
    const cert = await ctx.store.get<CertificateDoc>(CERTIFICATES, player.certCode)
    // (a request that died between the two steps: the next pass of any level writes it)
    if (!cert) return null
    if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
    return {
      code: formatCertCode(cert._id),
      name: ctx.keys.pii.decrypt(cert.nameCipher),
      campaignTitle: cert.campaignTitle,
      orgName: await orgName(ctx, cert.orgId),
      day: cert.day,
    }
  },
}

export const verifyCertificateAction: Impl<typeof quizApi.verifyCertificate> = {
  // Codes are random (31^8); a limit keeps anyone from walking the space.
  rateLimit: { key: (_i, ctx) => `quiz.verify:${ctx.caller.openid}`, max: 20, perMs: 60_000, message: '查询太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    const cert = await ctx.store.get<CertificateDoc>(CERTIFICATES, input.code)
    if (!cert) return { valid: false, code: formatCertCode(input.code) }
    return {
      valid: true,
      code: formatCertCode(cert._id),
      nameMasked: cert.nameMasked,
      campaignTitle: cert.campaignTitle,
      orgName: await orgName(ctx, cert.orgId),
      day: cert.day,
    }
  },
}
