import { legalAidApi } from '../../src/contracts/legalAid/api'
import { governedOrgIds, lawyerServes } from '../_core/auth'
import { implement } from '../_core/contract'
import { listCasesAction, messageAction, rateAction, transitionAction } from './casework'
import { answerAction, askAction, consultAction, consultCountAction, consultQueueAction, myConsultsAction } from './consult'
import { faqsAction, manageFaqsAction, moveFaqAction, saveFaqAction } from './faqs'
import { requestDocsAction, supplyDoneAction } from './docs'
import { decideObjectionAction, objectAction } from './objection'
import { policyAction, setPolicyAction } from './policy'
import { fileDataAction, fileLinkAction, uploadAction } from './evidence'
import { acceptAction, assignAction, declineAction, lawyersAction, submitAction, withdrawAction } from './intake'
import { CASES, toListItem, type CaseDoc } from './model'
import { accessLogAction, setDeadlinesAction, statsAction } from './reports'
import { detailFor, loadCase, roleOn } from './shared'

/**
 * The 法律援助 action table: each action once. Cases coming in live in intake.ts, working them in casework.ts,
 * evidence files in evidence.ts, the union's overview in reports.ts; every state change goes through steps.ts.
 */
export const legalAidActions = implement(legalAidApi, {
  submit: submitAction,

  myCases: {
    handler: async (_i, ctx) => {
      const docs = await ctx.store.find<CaseDoc>(CASES, {
        where: { applicantOpenid: ctx.caller.openid },
        orderBy: [['submittedAt', 'desc']],
        limit: 100,
      })
      return { items: docs.map((d) => toListItem(d, ctx.now())) }
    },
  },

  get: {
    handler: async ({ id }, ctx) => {
      const doc = await loadCase(ctx.store, id)
      return detailFor(ctx, doc, await roleOn(ctx, doc))
    },
  },

  message: messageAction,
  rate: rateAction,
  withdraw: withdrawAction,
  upload: uploadAction,
  fileLink: fileLinkAction,
  fileData: fileDataAction,
  supplyDone: supplyDoneAction,
  requestDocs: requestDocsAction,
  object: objectAction,
  setPolicy: setPolicyAction,
  policy: policyAction,
  decideObjection: decideObjectionAction,

  newCount: {
    handler: async (_i, ctx) => {
      const orgs = await governedOrgIds(ctx.store, ctx.caller)
      if (!orgs.length) return { count: 0 }
      return { count: await ctx.store.count(CASES, { orgId: { $in: orgs }, status: 'submitted' }) }
    },
  },

  myCaseCount: {
    handler: async (_i, ctx) => {
      // Only cases of unions the lawyer serves, as their queue lists: a lawyer has tens of open cases, not thousands.
      const open = await ctx.store.find<CaseDoc>(CASES, {
        where: { lawyerOpenid: ctx.caller.openid, status: { $in: ['assigned', 'in_progress'] } },
        limit: 300,
      })
      let count = 0
      for (const d of open) if (await lawyerServes(ctx.store, ctx.caller.grants, d.orgId)) count++
      return { count }
    },
  },

  listCases: listCasesAction,
  lawyers: lawyersAction,
  accept: acceptAction,
  decline: declineAction,
  assign: assignAction,
  transition: transitionAction,
  stats: statsAction,
  setDeadlines: setDeadlinesAction,
  accessLog: accessLogAction,
  ask: askAction,
  myConsults: myConsultsAction,
  consult: consultAction,
  consultQueue: consultQueueAction,
  consultCount: consultCountAction,
  answer: answerAction,
  faqs: faqsAction,
  manageFaqs: manageFaqsAction,
  saveFaq: saveFaqAction,
  moveFaq: moveFaqAction,
})
