import { defineModule } from '../_core/module'
import { childcareActions } from './actions'
import { ACCESS_LOG, ATTENDANCE, BALLOTS, BOOKINGS, CHILD_IDS, CHILDREN, CLASSES, CONSENTS, HISTORY, INTENTS, SECRETS, type ClassDoc } from './model'
import { seedChildcare } from './seed'
import { needsReconcile, reconcileClass, releaseDue, releasePriority, sweepExpired } from './booking'
import { finalizeDeletedChildren } from './children'
import { purgeExpired } from './privacy'
import { tellPendingRegistrants } from './intent'
import { beijingDay } from '../../src/contracts/time'

export default defineModule({
  actions: childcareActions,
  collections: {
    [CLASSES]: { indexes: ['startDate', ['orgId', 'startDate'], ['endDate', 'purgedAt'], 'intentsPending'] },
    [CHILDREN]: { indexes: [['parentOpenid', 'createdAt'], 'retainUntil', 'deletedAt'] },
    [CHILD_IDS]: {},
    [BOOKINGS]: {
      indexes: [['classId', 'status', 'seq'], ['classId', 'seq'], ['parentOpenid', 'createdAt'], 'code', 'childId', ['status', 'offerExpiresAt']],
    },
    [HISTORY]: { indexes: ['bookingId', 'parentOpenid', 'classId', 'childId'] },
    [SECRETS]: {},
    [BALLOTS]: {},
    [CONSENTS]: {},
    [ACCESS_LOG]: { indexes: [['year', 'orgId', 'at'], 'at'] },
    [ATTENDANCE]: { indexes: ['purgeAfter'] },
    [INTENTS]: { indexes: [['parentOpenid', '_id'], ['season', '_id'], ['season', 'areaId', '_id'], 'childId'] },
  },
  seed: seedChildcare,
  // Waitlist offers nobody accepted in time pass on to the next child even when no one opens a page; classes
  // whose booking is open or running get their places reconciled; deleted children are finalised; children's
  // data past its retention is purged.
  onTimer: async (ctx) => {
    const classesWithLapsedOffers = await sweepExpired(ctx, {})
    const today = beijingDay(ctx.now())
    const live = await ctx.store.find<ClassDoc>(CLASSES, { where: { endDate: { $gte: today } }, orderBy: [['endDate', 'asc']], limit: 200 })
    let placesRestored = 0
    let priorityReleased = 0
    for (const c of live) {
      // 优先名额 unused at the stated time join the general pool even when nobody books after it.
      if (releaseDue(c, ctx.now())) priorityReleased += await releasePriority(ctx, c._id)
      if (needsReconcile(c)) placesRestored += (await reconcileClass(ctx, c._id)).restored
    }
    const childrenDeleted = await finalizeDeletedChildren(ctx)
    const registrantsTold = await tellPendingRegistrants(ctx)
    return { registrantsTold, classesWithLapsedOffers, placesRestored, priorityReleased, childrenDeleted, purged: await purgeExpired(ctx) }
  },
})
