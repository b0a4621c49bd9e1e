import { defineModule } from '../_core/module'
import { childcareActions } from './actions'
import { ACCESS_LOG, ATTENDANCE, BOOKINGS, CHILD_IDS, CHILDREN, CLASSES, CONSENTS, HISTORY, SECRETS } from './model'
import { seedChildcare } from './seed'
import { sweepExpired } from './booking'
import { purgeExpired } from './privacy'

export default defineModule({
  actions: childcareActions,
  collections: {
    [CLASSES]: { indexes: ['startDate', ['orgId', 'startDate'], ['endDate', 'purgedAt']] },
    [CHILDREN]: { indexes: [['parentOpenid', 'createdAt'], 'retainUntil'] },
    [CHILD_IDS]: {},
    [BOOKINGS]: {
      indexes: [['classId', 'status', 'seq'], ['classId', 'seq'], ['parentOpenid', 'createdAt'], 'code', 'childId', ['status', 'offerExpiresAt']],
    },
    [HISTORY]: { indexes: ['bookingId', 'parentOpenid', 'classId', 'childId'] },
    [SECRETS]: {},
    [CONSENTS]: {},
    [ACCESS_LOG]: { indexes: [['year', 'orgId', 'at'], 'at'] },
    [ATTENDANCE]: { indexes: ['purgeAfter'] },
  },
  seed: seedChildcare,
  // Waitlist offers nobody accepted in time pass on to the next child even when no one opens a page; children's
  // data past its retention is purged.
  onTimer: async (ctx) => ({ classesWithLapsedOffers: await sweepExpired(ctx, {}), purged: await purgeExpired(ctx) }),
})
