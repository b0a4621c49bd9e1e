import { defineModule } from '../_core/module'
import { quizActions } from './actions'
import { reconcilePrizes } from './draws'
import {
  ATTEMPTS,
  CAMPAIGNS,
  CERTIFICATES,
  DAILY_ISSUED,
  DAY_COUNTS,
  DAY_STATS,
  DRAWS,
  LEVEL_PROGRESS,
  PLAYERS,
  PRIZES,
  QUESTIONS,
  VOUCHERS,
  type CampaignDoc,
} from './model'
import { seedQuiz } from './seed'

export default defineModule({
  actions: quizActions,
  collections: {
    [CAMPAIGNS]: { indexes: ['orgId', 'startAt', 'endAt'] },
    [QUESTIONS]: {
      indexes: [
        ['campaignId', 'order'],
        ['campaignId', 'level'],
      ],
    },
    [PRIZES]: { indexes: ['campaignId'] },
    [PLAYERS]: { indexes: [['campaignId', 'bestScore', 'bestMs']] },
    [DAY_COUNTS]: {},
    [ATTEMPTS]: {
      indexes: [
        ['campaignId', 'openid', 'status'],
        ['campaignId', 'flagged', 'submittedAt'],
      ],
    },
    [DRAWS]: {
      indexes: [
        ['campaignId', 'openid', 'status'],
        ['campaignId', 'issued', 'at'],
        ['openid', 'issued', 'at'],
        ['campaignId', 'at'],
        ['campaignId', 'status', 'leaseUntil'],
        ['campaignId', 'prizeId', 'issued'],
      ],
    },
    [DAILY_ISSUED]: {},
    [DAY_STATS]: { indexes: [['campaignId', 'day']] },
    [LEVEL_PROGRESS]: { indexes: [['campaignId', 'openid'], 'openid'] },
    // looked up by id (the code); by owner only for 删除我的数据
    [CERTIFICATES]: { indexes: ['openid'] },
    // 驿站券: used by id (the code); read per campaign for staff's counts, by owner for 删除我的数据
    [VOUCHERS]: { indexes: [['campaignId', '_id'], 'openid'] },
  },
  seed: seedQuiz,
  // Draws cut off mid-way (a crashed instance) are settled and their stock accounted for, for campaigns that
  // are running or ended in the last week. Rare and never urgent: every ten minutes.
  timerEvery: 'tenMinutes',
  onTimer: async (ctx) => {
    const since = new Date(ctx.now().getTime() - 7 * 86400e3).toISOString()
    const campaigns = await ctx.store.find<CampaignDoc>(CAMPAIGNS, { where: { endAt: { $gte: since } }, orderBy: [['endAt', 'asc']], limit: 100 })
    let settled = 0
    for (const c of campaigns) settled += (await reconcilePrizes(ctx, c)).settled
    return { drawsSettled: settled }
  },
})
