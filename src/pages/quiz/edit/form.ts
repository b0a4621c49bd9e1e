import { beijingDateTime } from '@/contracts/time'
import type { CampaignEdit, PrizeKind, QuestionType } from '@/contracts/quiz/schemas'
import type { LevelOpening } from '@/contracts/quiz/levels'

/** The editor's values: numbers stay text while typed, times are 'YYYY-MM-DD HH:mm' in Beijing time. */
export interface QForm {
  id?: string
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string
  /** 闯关: the level whose bank it is in */
  level?: number
}

/** One level: counts as typed text, lesson pictures one link per line. */
export interface LForm {
  title: string
  questionsPerAttempt: string
  passScore: string
  attemptsPerDay: string
  lessonText: string
  lessonImages: string
  lessonVideo: string
}

export interface PForm {
  name: string
  kind: PrizeKind
  quantity: string
  weight: string
  /** 驿站券: 任意驿站 or 指定驿站 (then stationId, '' until one is picked) */
  anyStation: boolean
  stationId: string
  stationName: string
  validDays: string
}

export interface EditValues {
  title: string
  description: string
  startAt: string
  endAt: string
  audience: 'all' | 'members'
  questionsPerAttempt: string
  timeLimitMin: string
  passScore: string
  attemptsPerDay: string
  drawsPerPass: string
  dailyPrizeCap: string
  showRanking: boolean
  practiceOpen: boolean
  prizeMode: 'draw' | 'pick'
  questions: QForm[]
  prizes: PForm[]
  levels: LForm[]
  levelOpening: LevelOpening
}

/** What the page knows besides the values: the locks the server reported. */
export interface EditMeta {
  id: string
  seedHash: string
  ended: boolean
  prizesLocked: boolean
  startLocked: boolean
}

export const emptyQuestion = (): QForm => ({ type: 'single', stem: '', options: ['', '', '', ''], answer: [], explanation: '' })
export const newLevel = (n: number): LForm => ({
  title: `第 ${n} 关`,
  questionsPerAttempt: '5',
  passScore: '3',
  attemptsPerDay: '3',
  lessonText: '',
  lessonImages: '',
  lessonVideo: '',
})
const VOUCHER_DEFAULTS = { anyStation: true, stationId: '', stationName: '', validDays: '30' }
export const newPrize = (): PForm => ({ name: '', kind: 'goods', quantity: '10', weight: '500', ...VOUCHER_DEFAULTS })

const DAY = 86400e3
/** A new campaign starts now (to the minute) and runs 30 days; staff change both with the pickers. */
export function blankValues(now = Date.now()): EditValues {
  return {
    title: '',
    description: '',
    startAt: beijingDateTime(now),
    endAt: beijingDateTime(now + 30 * DAY),
    audience: 'all',
    questionsPerAttempt: '10',
    timeLimitMin: '10',
    passScore: '6',
    attemptsPerDay: '3',
    drawsPerPass: '1',
    dailyPrizeCap: '',
    showRanking: false,
    practiceOpen: false,
    prizeMode: 'draw',
    questions: [],
    prizes: [{ name: '', kind: 'phone_credit', quantity: '10', weight: '1000', ...VOUCHER_DEFAULTS }],
    levels: [],
    levelOpening: 'daily',
  }
}

export function toValues(c: CampaignEdit): EditValues {
  return {
    title: c.title,
    description: c.description,
    startAt: beijingDateTime(c.startAt),
    endAt: beijingDateTime(c.endAt),
    audience: c.audience,
    questionsPerAttempt: String(c.questionsPerAttempt),
    timeLimitMin: String(c.timeLimitSec / 60),
    passScore: String(c.passScore),
    attemptsPerDay: String(c.attemptsPerDay),
    drawsPerPass: String(c.drawsPerPass),
    dailyPrizeCap: c.dailyPrizeCap ? String(c.dailyPrizeCap) : '',
    showRanking: c.showRanking,
    practiceOpen: c.practiceOpen,
    prizeMode: c.prizeMode,
    questions: c.questions.map((q) => ({ ...q, options: q.type === 'judge' ? [] : q.options })),
    prizes: c.prizes.map((p) => ({
      name: p.name,
      kind: p.kind,
      quantity: String(p.quantity),
      weight: String(p.weight),
      ...(p.voucher
        ? {
            anyStation: !p.voucher.stationId,
            stationId: p.voucher.stationId,
            stationName: p.voucher.stationName,
            validDays: String(p.voucher.validDays),
          }
        : VOUCHER_DEFAULTS),
    })),
    levels: c.levels.map((l) => ({
      title: l.title,
      questionsPerAttempt: String(l.questionsPerAttempt),
      passScore: String(l.passScore),
      attemptsPerDay: String(l.attemptsPerDay),
      lessonText: l.lessonText,
      lessonImages: l.lessonImages.join('\n'),
      lessonVideo: l.lessonVideo,
    })),
    levelOpening: c.levelOpening,
  }
}

export const metaOf = (c: CampaignEdit): EditMeta => ({
  id: c.id,
  seedHash: c.seedHash,
  ended: c.state === 'ended',
  prizesLocked: c.prizesLocked,
  startLocked: c.startLocked,
})

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s))
/** 'YYYY-MM-DD HH:mm' picked in Beijing time as the instant the contract takes. */
const instant = (v: string) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}:00+08:00` : v)

/** The values as `upsertCampaign` input; a locked prize table is not sent (the server keeps its own). */
export function toInput(v: EditValues, meta: EditMeta | null) {
  return {
    ...(meta ? { id: meta.id } : {}),
    title: v.title,
    description: v.description,
    startAt: instant(v.startAt),
    endAt: instant(v.endAt),
    audience: v.audience,
    questionsPerAttempt: num(v.questionsPerAttempt),
    timeLimitSec: Math.round(num(v.timeLimitMin) * 60),
    passScore: num(v.passScore),
    attemptsPerDay: num(v.attemptsPerDay),
    drawsPerPass: num(v.drawsPerPass),
    ...(v.dailyPrizeCap.trim() ? { dailyPrizeCap: num(v.dailyPrizeCap) } : {}),
    showRanking: v.showRanking,
    practiceOpen: v.practiceOpen,
    prizeMode: v.prizeMode,
    questions: v.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      type: q.type,
      stem: q.stem,
      options: q.type === 'judge' ? [] : q.options.filter((o) => o.trim()),
      answer: q.answer,
      explanation: q.explanation,
      ...(v.levels.length && q.level !== undefined ? { level: q.level } : {}),
    })),
    levels: v.levels.map((l) => ({
      title: l.title,
      questionsPerAttempt: num(l.questionsPerAttempt),
      passScore: num(l.passScore),
      attemptsPerDay: num(l.attemptsPerDay),
      lessonText: l.lessonText,
      lessonImages: l.lessonImages
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
      lessonVideo: l.lessonVideo.trim(),
    })),
    levelOpening: v.levelOpening,
    ...(meta?.prizesLocked
      ? {}
      : {
          // Chosen, not drawn: in pick mode the weights play no part (each 1 keeps the table valid).
          prizes: v.prizes.map((p) => ({
            name: p.name,
            kind: p.kind,
            quantity: num(p.quantity),
            weight: v.prizeMode === 'pick' ? 1 : num(p.weight),
            ...(p.kind === 'voucher'
              ? { anyStation: p.anyStation, ...(p.anyStation ? {} : { stationId: p.stationId }), validDays: num(p.validDays) }
              : {}),
          })),
        }),
  }
}

/** The part of the form a card needs: values, setter, errors by full path (`questions.3.options`). */
export interface EditForm {
  values: EditValues
  set: <K extends keyof EditValues>(key: K, value: EditValues[K]) => void
  error: (path: string) => string | undefined
}
