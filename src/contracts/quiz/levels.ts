import * as z from 'zod'
import '../zod'
import { optionalText, text } from '../fields'

/**
 * 闯关: a campaign may be a sequence of levels. Each draws its questions from its own bank (questions carry the
 * level's number), has its own pass mark and tries per day (the best try counts), and may carry a short lesson
 * read before it starts. Levels open one per Beijing day from the start, or all at once; each needs the one
 * before it passed. Passing the last one completes the campaign: a certificate, and the campaign's draws.
 */
export const MAX_LEVELS = 30
export const LEVEL_OPENINGS = ['daily', 'all'] as const
export type LevelOpening = (typeof LEVEL_OPENINGS)[number]
export const LEVEL_OPENING_LABELS: Record<LevelOpening, string> = { daily: '每天开放一关', all: '全部关卡同时开放' }
export const MAX_LESSON_IMAGES = 3

const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}至少 ${min}`)
    .max(max, `${label}最多 ${max}`)

/** Only https links: a video or picture the mini-program may open (its domain must be on the allowed list). */
const httpsUrl = (label: string) =>
  z
    .string({ error: `${label}不正确` })
    .trim()
    .max(500, `${label}太长`)
    .refine((s) => /^https:\/\/[^\s/]+\.[^\s]+$/.test(s), `${label}应以 https:// 开头`)

export const level = z
  .object({
    title: text('关卡名称', { max: 20 }),
    questionsPerAttempt: count('每关题数', 1, 50),
    passScore: count('每关及格题数', 1, 50),
    attemptsPerDay: count('每关每天次数', 1, 20),
    lessonText: optionalText('学习内容', { max: 2000, multiline: true }),
    lessonImages: z.array(httpsUrl('图片链接'), { error: '图片链接不正确' }).max(MAX_LESSON_IMAGES, `图片最多 ${MAX_LESSON_IMAGES} 张`).default([]),
    lessonVideo: z.union([z.literal(''), httpsUrl('视频链接')]).default(''),
  })
  .superRefine((l, ctx) => {
    if (l.passScore > l.questionsPerAttempt) ctx.addIssue({ code: 'custom', path: ['passScore'], message: '及格题数不能多于每关题数' })
  })
export type LevelInput = z.input<typeof level>
export type Level = z.output<typeof level>

export const levelInput = z.object({
  campaignId: z.string().min(1).max(64),
  level: z
    .number({ error: '关卡不正确' })
    .int('关卡不正确')
    .min(0, '关卡不正确')
    .max(MAX_LEVELS - 1, '关卡不正确'),
})

/** One level on the worker's path. */
export interface LevelView {
  index: number
  title: string
  questionsPerAttempt: number
  passScore: number
  attemptsPerDay: number
  /** the Beijing day it opens */
  opensOn: string
  open: boolean
  /** the level before it is passed (the first has none) */
  reachable: boolean
  passed: boolean
  bestScore: number | null
  triesLeftToday: number
  hasLesson: boolean
}

export interface LessonView {
  campaignId: string
  level: number
  title: string
  text: string
  images: string[]
  video: string
}

/** Certificate codes: letters and digits without look-alikes, shown as ZS-XXXX-XXXX. */
export const CERT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const certCodeInput = z.object({
  code: z
    .string({ error: '请输入证书编号' })
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .refine((s) => /^ZS[2-9A-HJKMNP-Z]{8}$/.test(s), '证书编号应为 ZS 开头的 10 位字母和数字，如 ZS-7K3P-Q9MD'),
})

export const formatCertCode = (raw: string) => `${raw.slice(0, 2)}-${raw.slice(2, 6)}-${raw.slice(6, 10)}`

/** The holder's own certificate: the full name is drawn on the image. */
export interface Certificate {
  code: string
  name: string
  campaignTitle: string
  orgName: string
  /** Beijing day of passing */
  day: string
}

/** What anyone checking a code learns: enough to match the paper, not the person's full name. */
export interface CertificateCheck {
  valid: boolean
  code: string
  nameMasked?: string
  campaignTitle?: string
  orgName?: string
  day?: string
}
