import { defineModule } from '../_core/module'
import { childcareActions } from './actions'
import { BALLOTS, BOOKINGS, CHILD_IDS, CHILDREN, CLASSES, HISTORY, SECRETS } from './model'
import { seedChildcare } from './seed'
import { sweepExpired } from './booking'

export default defineModule({
  actions: childcareActions,
  collections: {
    [CLASSES]: { indexes: ['startDate', ['orgId', 'startDate']] },
    [CHILDREN]: { indexes: [['parentOpenid', 'createdAt']] },
    [CHILD_IDS]: {},
    [BOOKINGS]: {
      indexes: [['classId', 'status', 'seq'], ['classId', 'seq'], ['parentOpenid', 'createdAt'], 'code', 'childId', ['status', 'offerExpiresAt']],
    },
    [HISTORY]: { indexes: ['bookingId', 'parentOpenid'] },
    [SECRETS]: {},
    [BALLOTS]: {},
  },
  seed: seedChildcare,
  // Waitlist offers nobody accepted in time pass on to the next child even when no one opens a page.
  onTimer: async (ctx) => ({ classesWithLapsedOffers: await sweepExpired(ctx, {}) }),
})
