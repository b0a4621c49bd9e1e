import * as z from 'zod'
import { deliveriesInput, markDeliveredInput, markRedeemedInput, type DeliveryItem, type DeliveryStatus } from './delivery'
import { action } from '../api'
import type { DownloadLink } from '../files'
import {
  campaignIdInput,
  claimInput,
  drawInput,
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
  upsertCampaign: action<{ id: string; seedHash: string }>()(upsertCampaignInput, [...STAFF]),
  getCampaign: action<CampaignEdit>()(idInput, [...STAFF]),
  managedCampaigns: action<{ items: ManagedCampaign[] }>()(none, [...STAFF]),
  importQuestions: action<ImportReport>()(importQuestionsInput, [...STAFF]),
  closeCampaign: action<{ id: string; seed: string }>()(idInput, [...STAFF]),
  /** 再办一期: an ended campaign's settings, questions and prize table as a new, upcoming campaign with a new seed */
  copyCampaign: action<{ id: string; seedHash: string }>()(idInput, [...STAFF]),
  stats: action<QuizStats>()(campaignIdInput, [...STAFF]),
  exportWinners: action<DownloadLink>()(campaignIdInput, [...STAFF]),
  // 奖品发放: claimed prizes by state (待发放 / 已发放 / 已核销); staff record each delivery
  deliveries: action<{ items: DeliveryItem[]; counts: Record<DeliveryStatus, number> }>()(deliveriesInput, [...STAFF]),
  markDelivered: action<DeliveryItem>()(markDeliveredInput, [...STAFF]),
  markRedeemed: action<DeliveryItem>()(markRedeemedInput, [...STAFF]),
  // workers
  listCampaigns: action<{ items: CampaignSummary[] }>()(none, 'signedIn'),
  campaign: action<CampaignSummary>()(campaignIdInput, 'signedIn'),
  start: action<StartResult>()(startInput, 'signedIn'),
  submit: action<SubmitResult>()(submitInput, 'signedIn'),
  draw: action<DrawResult>()(drawInput, 'signedIn'),
  claim: action<MyPrize>()(claimInput, 'signedIn'),
  myPrizes: action<{ items: MyPrize[] }>()(none, 'signedIn'),
  winners: action<{ items: Winner[] }>()(campaignIdInput, 'signedIn'),
  rankings: action<{ items: RankingRow[] }>()(campaignIdInput, 'signedIn'),
  fairness: action<FairnessView>()(fairnessInput, 'signedIn'),
}

declare module '../api' {
  interface Apis {
    quiz: typeof quizApi
  }
}
