import { maskName } from '../../src/contracts/membership/idcard'
import { quizApi } from '../../src/contracts/quiz/api'
import { implement } from '../_core/contract'
import { listCampaignsAction, startAction, submitAction, summary } from './attempts'
import {
  closeCampaignAction,
  copyCampaignAction,
  exportWinnersAction,
  getCampaignAction,
  importQuestionsAction,
  managedCampaignsAction,
  statsAction,
  upsertCampaignAction,
} from './campaigns'
import { deliveriesAction, markDeliveredAction, markRedeemedAction } from './delivery'
import { claimAction, drawAction, fairnessAction, myPrizesAction, pickAction } from './draws'
import { DRAWS, PLAYERS, type DrawDoc, type PlayerDoc } from './model'
import { campaignOr404 } from './shared'
import { lessonAction, myCertificateAction, verifyCertificateAction } from './levels'
import { practiceAction, wrongBookAction } from './practice'
import { redeemVoucherAction, voucherStatsAction } from './vouchers'

/**
 * The 答题抽奖 action table: each action once. The union's side lives in campaigns.ts, the player's attempts in
 * attempts.ts, draws and prizes in draws.ts.
 */
export const quizActions = implement(quizApi, {
  upsertCampaign: upsertCampaignAction,
  getCampaign: getCampaignAction,
  managedCampaigns: managedCampaignsAction,
  importQuestions: importQuestionsAction,
  closeCampaign: closeCampaignAction,
  copyCampaign: copyCampaignAction,
  stats: statsAction,
  exportWinners: exportWinnersAction,
  deliveries: deliveriesAction,
  markDelivered: markDeliveredAction,
  markRedeemed: markRedeemedAction,
  voucherStats: voucherStatsAction,
  redeemVoucher: redeemVoucherAction,

  listCampaigns: listCampaignsAction,

  campaign: {
    handler: async (input, ctx) => summary(ctx, await campaignOr404(ctx.store, input.campaignId)),
  },

  start: startAction,
  submit: submitAction,
  draw: drawAction,
  pick: pickAction,
  claim: claimAction,
  myPrizes: myPrizesAction,

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
      const top = await ctx.store.find<PlayerDoc>(PLAYERS, {
        where: { campaignId: c._id, bestScore: { $gte: 0 } },
        orderBy: [
          ['bestScore', 'desc'],
          ['bestMs', 'asc'],
        ],
        limit: 50,
      })
      return {
        items: top.map((p, i) => ({
          rank: i + 1,
          nameMasked: maskName(p.name || '微信用户'),
          score: p.bestScore,
          seconds: Math.round(p.bestMs / 1000),
        })),
      }
    },
  },

  fairness: fairnessAction,
  lesson: lessonAction,
  myCertificate: myCertificateAction,
  verifyCertificate: verifyCertificateAction,
  practice: practiceAction,
  wrongBook: wrongBookAction,
})
