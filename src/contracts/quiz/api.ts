import * as z from 'zod'
import { deliveriesInput, markDeliveredInput, markRedeemedInput, type DeliveryItem, type DeliveryStatus } from './delivery'
import { mutation, query } from '../api'
import type { DownloadLink } from '../files'
import type { PracticeQuestion, WrongItem } from './practice'
import { redeemVoucherInput, voucherStatsInput, type RedeemResult, type VoucherStats } from './vouchers'
import { certCodeInput, levelInput, type Certificate, type CertificateCheck, type LessonView } from './levels'
import {
  campaignIdInput,
  claimInput,
  drawInput,
  pickInput,
  fairnessInput,
  idInput,
  importQuestionsInput,
  startInput,
  submitInput,
  upsertCampaignInput,
  type CampaignEdit,
  type CampaignSummary,
  type DrawResult,
  type FairnessView,
  type ImportReport,
  type ManagedCampaign,
  type MyPrize,
  type QuizStats,
  type RankingRow,
  type StartResult,
  type SubmitResult,
  type Winner,
} from './schemas'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `quiz` cloud function: 答题抽奖 campaigns, scored on the server, with verifiable draws. */
export const quizApi = {
  // staff
  upsertCampaign: mutation<{ id: string; seedHash: string }>()(upsertCampaignInput, [...STAFF]),
  getCampaign: query<CampaignEdit>()(idInput, [...STAFF]),
  managedCampaigns: query<{ items: ManagedCampaign[] }>()(none, [...STAFF]),
  importQuestions: mutation<ImportReport>()(importQuestionsInput, [...STAFF]),
  closeCampaign: mutation<{ id: string; seed: string }>()(idInput, [...STAFF]),
  /** 再办一期: an ended campaign's settings, questions and prize table as a new, upcoming campaign with a new seed */
  copyCampaign: mutation<{ id: string; seedHash: string }>()(idInput, [...STAFF]),
  stats: query<QuizStats>()(campaignIdInput, [...STAFF]),
  exportWinners: mutation<DownloadLink>()(campaignIdInput, [...STAFF]),
  // 奖品发放: claimed prizes by state (待发放 / 已发放 / 已核销); staff record each delivery
  deliveries: query<{ items: DeliveryItem[]; counts: Record<DeliveryStatus, number> }>()(deliveriesInput, [...STAFF]),
  markDelivered: mutation<DeliveryItem>()(markDeliveredInput, [...STAFF]),
  markRedeemed: mutation<DeliveryItem>()(markRedeemedInput, [...STAFF]),
  /** 驿站券 per campaign: issued, used, by station, the latest redemptions (names masked) */
  voucherStats: query<VoucherStats>()(voucherStatsInput, [...STAFF]),
  // 驿站站长
  /** 核销: a keeper uses a 驿站券 at one of their stations, once, while valid, where it is good */
  redeemVoucher: mutation<RedeemResult>()(redeemVoucherInput, ['keeper']),
  // workers
  listCampaigns: query<{ items: CampaignSummary[] }>()(none, 'signedIn'),
  campaign: query<CampaignSummary>()(campaignIdInput, 'signedIn'),
  start: mutation<StartResult>()(startInput, 'signedIn'),
  submit: mutation<SubmitResult>()(submitInput, 'signedIn'),
  draw: mutation<DrawResult>()(drawInput, 'signedIn'),
  /** 选奖品 (a campaign in pick mode): the chosen prize if in stock, else the right comes back to choose again */
  pick: mutation<DrawResult>()(pickInput, 'signedIn'),
  claim: mutation<MyPrize>()(claimInput, 'signedIn'),
  myPrizes: query<{ items: MyPrize[] }>()(none, 'signedIn'),
  winners: query<{ items: Winner[] }>()(campaignIdInput, 'signedIn'),
  rankings: query<{ items: RankingRow[] }>()(campaignIdInput, 'signedIn'),
  fairness: query<FairnessView>()(fairnessInput, 'signedIn'),
  /** 闯关: a level's short lesson, read before it starts */
  lesson: query<LessonView>()(levelInput, 'signedIn'),
  /** my certificate for a completed campaign (null until every level is passed) */
  myCertificate: query<Certificate | null>()(campaignIdInput, 'signedIn'),
  /** anyone checks a certificate's code: valid or not, the campaign, the day and the masked name */
  verifyCertificate: query<CertificateCheck>()(certCodeInput, 'signedIn'),
  /** 题库练习: the bank with answers and explanations, once the campaign has ended or in 练习模式; never scored */
  practice: query<{ questions: PracticeQuestion[] }>()(campaignIdInput, 'signedIn'),
  /** 错题本: what I got wrong in my submitted tries, with the right answers and explanations */
  wrongBook: query<{ items: WrongItem[] }>()(campaignIdInput, 'signedIn'),
}

declare module '../api' {
  interface Apis {
    quiz: typeof quizApi
  }
}
