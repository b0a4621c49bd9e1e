import { PRIVACY_NOTICE } from '../../src/contracts/membership/options'
import { membershipApi } from '../../src/contracts/membership/api'
import type { CardVerification, MemberCard, MembershipOptions } from '../../src/contracts/membership/schemas'
import { beijingDay, endOfBeijingDay, startOfBeijingDay } from '../../src/contracts/time'
import { implement, type Ctx } from '../_core/contract'
import { saveExport } from '../_core/exports'
import { notFound } from '../_core/errors'
import { governedOrgIds, hasAnyRole, scopesOf } from '../_core/auth'
import type { Where } from '../_core/store/port'
import { applyAction, withdrawAction } from './apply'
import { verifyPhoneAction } from './phone'
import { importRosterAction } from './roster'
import { claimAction, lookupAction, releaseClaimAction } from './claim'
import { liftRetainAction, retainAction, transferOutAction } from './standing'
import { exportInactiveAction, inactiveAction, reviewInactiveAction } from './inactive'
import { createDriveAction, driveInfoAction, drivesAction } from './drives'
import { rosterTemplateWorkbook, ROSTER_TEMPLATE_FILENAME } from './roster-template'
import { issueCardQr, verifyCardInput } from './card'
import { isCardCode } from '../../src/contracts/membership/cardcode'
import { membersWorkbook } from './export'
import { APPLICATIONS, retainedOf, toDetail, toListItem, toMine, type ApplicationDoc } from './model'
import { bulkApproveAction, reviewOne, revokeAction } from './review'
import { governedApplication, keysOf, myLive, revocationOf } from './shared'
import { statsAction } from './stats'
import {
  cancelTransferAction,
  myTransferAction,
  requestTransferAction,
  reviewTransferAction,
  transferPendingCountAction,
  transfersAction,
} from './transfer'
import { findAll } from '../_core/paging'

/**
 * Opening the e-card is the member's activity the 半年无活动 list reads: written at most once a Beijing day (the
 * card page asks every few minutes), by a conditional single-document update.
 */
async function touchActive(ctx: Ctx, doc: ApplicationDoc) {
  const now = ctx.now()
  if (doc.activeAt && beijingDay(doc.activeAt) === beijingDay(now)) return
  await ctx.store.update(APPLICATIONS, { _id: doc._id, status: 'approved' }, { set: { activeAt: now.toISOString() } })
}

/** What a staff search box holds: 4 digits are a phone tail, 10+ digits a member number, anything else a name. */
function searchWhere(q: string): Where {
  if (/^\d{4}$/.test(q)) return { phoneTail: q }
  if (/^\d{10,}$/.test(q)) return { memberNo: q }
  return { name: { $includes: q } }
}

/** The 入会 action table: each action once; the applicant's flows live in apply.ts, the union's in review.ts. */
export const membershipActions = implement(membershipApi, {
  options: {
    handler: async (_input, ctx): Promise<MembershipOptions> => {
      const areas = await ctx.store.find<{ _id: string; name: string; disabled?: boolean }>('areas', { orderBy: [['order', 'asc']], limit: 200 })
      const employers = await ctx.store.find<{ _id: string; name: string; orgId: string; alias?: boolean }>('employers', { limit: 200 })
      // Suggestions: each employer once, by its own name (aliases route too, but need not be offered), and none
      // whose union no longer takes applications.
      const disabled = new Set((await findAll(ctx.store, 'orgs', { disabled: true })).map((o) => o._id))
      const names = employers.filter((e) => !e.alias && !disabled.has(e.orgId)).map((e) => e.name)
      return { regions: areas.filter((a) => !a.disabled).map((a) => ({ id: a._id, name: a.name })), employers: names, privacyNotice: PRIVACY_NOTICE }
    },
  },

  verifyPhone: verifyPhoneAction,
  apply: applyAction,

  myStatus: {
    handler: async (_input, ctx) => {
      const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
        where: { applicantOpenid: ctx.caller.openid },
        orderBy: [['submittedAt', 'desc']],
        limit: 1,
      })
      if (!doc) return { application: null }
      const revoked = await revocationOf(ctx, doc)
      return { application: revoked ? { ...toMine(doc), revoked } : toMine(doc) }
    },
  },

  withdraw: withdrawAction,

  card: {
    handler: async (_input, ctx): Promise<MemberCard> => {
      const doc = await myLive(ctx)
      if (!doc || doc.status !== 'approved' || !doc.memberNo) {
        // A revoked member is no 「还不是会员」: say when and why it ended, and whom to ask (myStatus has it in full).
        if (!doc) {
          const [last] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
            where: { applicantOpenid: ctx.caller.openid },
            orderBy: [['submittedAt', 'desc']],
            limit: 1,
          })
          if (last?.status === 'transferred_out' && last.transferredOut) {
            const out = last.transferredOut
            throw notFound(`您的会籍已于 ${beijingDay(out.at)} 由${out.fromOrgName}转出至${out.to}，本卡在本县不再有效；请到${out.to}办理会员手续`)
          }
          const revoked = last ? await revocationOf(ctx, last) : null
          if (revoked) {
            const call = revoked.phone ? `，如有疑问请联系${revoked.orgName}（电话 ${revoked.phone}）` : `，如有疑问请联系${revoked.orgName}`
            throw notFound(`您的会籍已于 ${beijingDay(revoked.at)} 注销${revoked.reason ? `（原因：${revoked.reason}）` : ''}${call}`)
          }
        }
        throw notFound('您还不是工会会员，申请通过后即可领取电子会员卡')
      }
      const member = { memberNo: doc.memberNo, name: doc.name, orgName: doc.orgName, joinDate: doc.joinDate ?? '' }
      await touchActive(ctx, doc)
      const retained = retainedOf(doc)
      // A fresh QR and 核验码 on every call, valid for a few minutes: the page asks again before they expire.
      return { ...member, status: 'valid', ...(retained ? { retained } : {}), qr: await issueCardQr(ctx.store, keysOf(ctx).card, member, ctx.now()) }
    },
  },

  verifyCard: {
    // Typed 核验码 are 8 characters: without a limit a verifier account could walk the code space. Scans are
    // counted apart (same limit), so that reading codes out does not use up a desk's scanning.
    rateLimit: {
      key: (i, ctx) => `${isCardCode(i.payload) ? 'card-code' : 'card-scan'}:${ctx.caller.openid}`,
      max: 30,
      perMs: 5 * 60_000,
      message: '核验太频繁了，请 5 分钟后再试',
    },
    handler: async ({ payload }, ctx): Promise<CardVerification> =>
      verifyCardInput(ctx.store, keysOf(ctx).card, payload, ctx.now(), async (memberNo) => {
        const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { memberNo }, limit: 1 })
        return !doc ? 'unknown' : doc.status === 'approved' ? 'member' : doc.status === 'transferred_out' ? 'transferred_out' : 'revoked'
      }),
  },

  cardPublicKey: {
    // With this key a verifier can check a card's signature with no network; revocation still needs the server.
    handler: async (_input, ctx) => ({ algorithm: 'Ed25519', publicKeyPem: keysOf(ctx).card.publicKeyPem }),
  },

  pendingCount: {
    handler: async (_input, ctx) => ({
      count: await ctx.store.count(APPLICATIONS, { orgId: { $in: await governedOrgIds(ctx.store, ctx.caller) }, status: 'pending' }),
    }),
  },

  listApplications: {
    handler: async (input, ctx) => {
      const orgIds = await governedOrgIds(ctx.store, ctx.caller)
      const where: Where = { orgId: { $in: orgIds } }
      if (input.status !== 'all') where.status = input.status
      if (input.newEmployment === 'yes') where.newEmploymentType = { $ne: 'none' }
      if (input.newEmployment === 'no') where.newEmploymentType = 'none'
      // Dates are Shanghai calendar days; submittedAt is stored in UTC.
      const range: Record<string, string> = {}
      if (input.from) range.$gte = startOfBeijingDay(input.from).toISOString()
      if (input.to) range.$lte = endOfBeijingDay(input.to).toISOString()
      if (Object.keys(range).length) where.submittedAt = range
      if (input.q) Object.assign(where, searchWhere(input.q))
      const total = await ctx.store.count(APPLICATIONS, where)
      const docs = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
        where,
        orderBy: [['submittedAt', 'desc']],
        skip: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      })
      return { items: docs.map(toListItem), total }
    },
  },

  getApplication: {
    handler: async ({ id }, ctx) => toDetail(await governedApplication(ctx, id)),
  },

  review: {
    audit: 'membership.review',
    handler: async ({ id, decision, reason }, ctx) => toDetail(await reviewOne(ctx, id, { decision, reason })),
  },

  bulkApprove: bulkApproveAction,

  revoke: revokeAction,

  exportMembers: {
    audit: 'membership.export',
    handler: async (_input, ctx) => {
      const { pii } = keysOf(ctx)
      const orgIds = await governedOrgIds(ctx.store, ctx.caller)
      const members: ApplicationDoc[] = []
      for (let skip = 0; ; skip += 500) {
        const page = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
          where: { orgId: { $in: orgIds }, status: 'approved' },
          orderBy: [['memberNo', 'asc']],
          skip,
          limit: 500,
        })
        members.push(...page)
        if (page.length < 500) break
      }
      const unmasked = hasAnyRole(ctx.caller, ['admin'])
      const file = await membersWorkbook(members, pii, unmasked)
      await ctx.audit(ctx.store, scopesOf(ctx.caller, unmasked ? 'admin' : 'staff')[0] ?? '', null, { count: members.length, unmasked })
      return saveExport(ctx, `会员名单-${beijingDay(ctx.now())}.xlsx`, file, members.length)
    },
  },

  requestTransfer: requestTransferAction,
  myTransfer: myTransferAction,
  cancelTransfer: cancelTransferAction,
  transfers: transfersAction,
  transferPendingCount: transferPendingCountAction,
  reviewTransfer: reviewTransferAction,
  stats: statsAction,
  rosterTemplate: {
    handler: async (_input, ctx) => saveExport(ctx, ROSTER_TEMPLATE_FILENAME, await rosterTemplateWorkbook()),
  },
  importRoster: importRosterAction,
  claim: claimAction,
  lookup: lookupAction,
  retain: retainAction,
  createDrive: createDriveAction,
  drives: drivesAction,
  driveInfo: driveInfoAction,
  liftRetain: liftRetainAction,
  transferOut: transferOutAction,
  inactive: inactiveAction,
  reviewInactive: reviewInactiveAction,
  exportInactive: exportInactiveAction,
  releaseClaim: releaseClaimAction,
})
