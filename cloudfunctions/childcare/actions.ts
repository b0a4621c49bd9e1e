import { childcareApi } from '../../src/contracts/childcare/api'
import { implement } from '../_core/contract'
import { acceptOffer, book, cancel } from './booking'
import { getClassAction, listClassesAction, myBookingsAction } from './browse'
import { deleteChildAction, saveChildAction } from './children'
import { managedClassesAction, runLotteryAction, upsertClassAction } from './classes'
import { verifyClaimAction } from './priority'
import { intentDemandAction, intentOptionsAction, myIntentsAction, registerIntentAction, withdrawIntentAction } from './intent'
import { CHILDREN, toChildView, type ChildDoc } from './model'
import { checkInAction, exportRosterAction, rosterAction } from './roster'
import { accessLogAction, consentAction, exportAccessAuditAction, giveConsentAction } from './privacy'

/**
 * The 托管班 action table: each action once. What parents see lives in browse.ts, their children in children.ts,
 * booking itself in booking.ts; the union's side in classes.ts and roster.ts.
 */
export const childcareActions = implement(childcareApi, {
  listClasses: listClassesAction,
  getClass: getClassAction,
  saveChild: saveChildAction,

  myChildren: {
    handler: async (_input, ctx) => {
      const docs = await ctx.store.find<ChildDoc>(CHILDREN, {
        where: { parentOpenid: ctx.caller.openid, deletedAt: null },
        orderBy: [['createdAt', 'asc']],
        limit: 20,
      })
      const now = ctx.now()
      return { items: docs.map((d) => toChildView(d, now)) }
    },
  },

  deleteChild: deleteChildAction,

  // No rate limit on book: a limit costs three store operations per call at the moment they are scarcest, and a
  // parent cannot take more than one live booking per child per season whatever they send.
  book: {
    handler: async (input, ctx) => book(ctx, input),
  },

  myBookings: myBookingsAction,

  cancel: {
    audit: 'childcare.cancel',
    handler: async ({ bookingId }, ctx) => {
      await cancel(ctx, bookingId)
      return { cancelled: true }
    },
  },

  acceptOffer: {
    handler: async ({ bookingId }, ctx) => {
      await acceptOffer(ctx, bookingId)
      return { status: 'confirmed' as const }
    },
  },

  upsertClass: upsertClassAction,
  managedClasses: managedClassesAction,
  roster: rosterAction,
  checkIn: checkInAction,
  exportRoster: exportRosterAction,
  runLottery: runLotteryAction,
  verifyClaim: verifyClaimAction,
  intentOptions: intentOptionsAction,
  registerIntent: registerIntentAction,
  myIntents: myIntentsAction,
  withdrawIntent: withdrawIntentAction,
  intentDemand: intentDemandAction,
  consent: consentAction,
  giveConsent: giveConsentAction,
  accessLog: accessLogAction,
  exportAccessAudit: exportAccessAuditAction,
})
