import type { PrizeKind, QuestionType, ClaimStatus } from '../../src/contracts/quiz/schemas'
import type { Level, LevelOpening } from '../../src/contracts/quiz/levels'

export const CAMPAIGNS = 'quiz_campaigns'
export const QUESTIONS = 'quiz_questions'
export const PRIZES = 'quiz_prizes'
export const PLAYERS = 'quiz_players'
export const DAY_COUNTS = 'quiz_day_counts'
export const ATTEMPTS = 'quiz_attempts'
export const DRAWS = 'quiz_draws'
export const DAILY_ISSUED = 'quiz_daily_issued'
export const DAY_STATS = 'quiz_day_stats'
/** 闯关: one person's best in one level; `_id` = campaignId:openid:level */
export const LEVEL_PROGRESS = 'quiz_level_progress'
/** certificates of completed campaigns; `_id` = the verification code */
export const CERTIFICATES = 'quiz_certificates'
/** 驿站券 handed out at claim; `_id` = the 12-character code (see vouchers.ts) */
export const VOUCHERS = 'quiz_vouchers'

export interface CampaignPrize {
  id: string
  name: string
  kind: PrizeKind
  quantity: number
  weight: number
  /** 驿站券: the station it is used at ('' or absent: 任意驿站), its name then, and the days it is good for */
  stationId?: string
  stationName?: string
  validDays?: number
}

export interface CampaignDoc {
  _id: string
  orgId: string
  title: string
  description: string
  startAt: string
  endAt: string
  closedAt: string | null
  audience: 'all' | 'members'
  questionsPerAttempt: number
  timeLimitSec: number
  passScore: number
  attemptsPerDay: number
  drawsPerPass: number
  dailyPrizeCap: number | null
  showRanking: boolean
  /** secret until the end; never leaves the server before then */
  seed: string
  seedHash: string
  /** in listed order: the draw walks them in this order */
  prizes: CampaignPrize[]
  /** 闯关: absent or empty for a plain campaign */
  levels?: Level[]
  levelOpening?: LevelOpening
  practiceOpen?: boolean
  prizeMode?: 'draw' | 'pick'
  createdBy: string
  createdAt: string
  updatedAt: string
  [k: string]: unknown
}

export interface QuestionDoc {
  _id: string
  campaignId: string
  order: number
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string
  /** the level whose bank it is in (campaigns of levels) */
  level?: number
  [k: string]: unknown
}

/** Stock of one prize; `remaining` only ever moves by a guarded decrement. */
export interface PrizeDoc {
  _id: string
  campaignId: string
  name: string
  kind: PrizeKind
  quantity: number
  remaining: number
  [k: string]: unknown
}

/** One person in one campaign: draw rights, best score. `_id` = campaignId:openid. */
export interface PlayerDoc {
  _id: string
  campaignId: string
  openid: string
  name: string
  drawsLeft: number
  drawsGranted: number
  drawsUsed: number
  attempts: number
  passes: number
  bestScore: number
  /** time of the best-scoring attempt, ms; ties on score rank by it */
  bestMs: number
  /** 闯关: levels passed so far; the certificate's code once all are ('' before) */
  levelsPassed?: number
  certCode?: string
  [k: string]: unknown
}

export interface AttemptQuestion {
  id: string
  type: QuestionType
  stem: string
  /** original option texts */
  options: string[]
  /** shown position i holds original option perm[i] */
  perm: number[]
  /** original indices */
  answer: number[]
  explanation: string
}

export interface AttemptDoc {
  _id: string
  campaignId: string
  openid: string
  name: string
  day: string
  /** the level tried (campaigns of levels) */
  level?: number
  status: 'open' | 'submitted' | 'expired'
  startedAt: string
  deadline: string
  questions: AttemptQuestion[]
  submittedAt?: string
  score?: number
  passed?: boolean
  durationMs?: number
  flagged?: boolean
  [k: string]: unknown
}

export interface DrawDoc {
  _id: string
  campaignId: string
  openid: string
  nameMasked: string
  n: number
  status: 'pending' | 'settled'
  /** drawValue(seed, drawId): 0..9999 */
  value: number
  intendedIndex: number
  issued: boolean
  prizeId: string | null
  prizeName: string | null
  kind: PrizeKind | null
  at: string
  day: string
  /** while pending: until when the request that holds it may settle it alone */
  leaseUntil?: string | null
  claimStatus?: ClaimStatus
  claimedAt?: string
  claimNameMasked?: string
  phoneCipher?: string
  phoneMasked?: string
  addressCipher?: string
  addressMasked?: string
  voucherCode?: string
  [k: string]: unknown
}

export interface LevelProgressDoc {
  _id: string
  campaignId: string
  openid: string
  level: number
  bestScore: number
  passed: boolean
  passedAt: string | null
  [k: string]: unknown
}

export interface CertificateDoc {
  _id: string
  campaignId: string
  openid: string
  nameCipher: string
  nameMasked: string
  campaignTitle: string
  orgId: string
  day: string
  issuedAt: string
  [k: string]: unknown
}

export interface VoucherDoc {
  _id: string
  drawId: string
  campaignId: string
  orgId: string
  openid: string
  nameMasked: string
  prizeName: string
  /** '' for 任意驿站 */
  stationId: string
  stationName: string
  issuedAt: string
  /** last Beijing day it may be used */
  validUntil: string
  /** moves issued → redeemed once, by a conditional update of this document alone */
  status: 'issued' | 'redeemed'
  redeemedAt?: string
  redeemedStationId?: string
  redeemedStationName?: string
  redeemedBy?: string
  redeemedByName?: string
  [k: string]: unknown
}
