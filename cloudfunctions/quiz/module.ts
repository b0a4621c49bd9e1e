import { defineModule } from '../_core/module'
import { quizActions } from './actions'
import { ATTEMPTS, CAMPAIGNS, DAILY_ISSUED, DAY_COUNTS, DAY_STATS, DRAWS, PLAYERS, PRIZES, QUESTIONS } from './model'
import { seedQuiz } from './seed'

export default defineModule({
  actions: quizActions,
  collections: {
    [CAMPAIGNS]: { indexes: ['orgId', 'startAt'] },
    [QUESTIONS]: { indexes: [['campaignId', 'order']] },
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
      ],
    },
    [DAILY_ISSUED]: {},
    [DAY_STATS]: { indexes: [['campaignId', 'day']] },
  },
  seed: seedQuiz,
})
