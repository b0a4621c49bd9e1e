import { PRIVACY_NOTICE } from '../../src/contracts/membership/options'
import { membershipApi } from '../../src/contracts/membership/api'
import type { CardVerification, MemberCard, MemberExport, MembershipOptions } from '../../src/contracts/membership/schemas'
import { beijingDay, endOfBeijingDay, startOfBeijingDay } from '../../src/contracts/time'
import { implement } from '../_core/contract'
import { notFound } from '../_core/errors'
import { governedOrgIds, hasAnyRole, scopesOf } from '../_core/auth'
import type { Where } from '../_core/store/port'
import { applyAction, withdrawAction } from './apply'
import { cardPayload, qrImage, readCardPayload } from './card'
import { membersWorkbook } from './export'
import { APPLICATIONS, toDetail, toListItem, toMine, type ApplicationDoc } from './model'
import { bulkApproveAction, reviewOne, revokeAction } from './review'
import { governedApplication, keysOf, myLive } from './shared'

/** The 入会 action table: each action once; the applicant's flows live in apply.ts, the union's in review.ts. */
export const membershipActions = implement(membershipApi, {
  options: {
    handler: async (_input, ctx): Promise<MembershipOptions> => {
      const areas = await ctx.store.find<{ _id: string; name: string }>('areas', { orderBy: [['order', 'asc']], limit: 200 })
      const employers = await ctx.store.find<{ _id: string; name: string; orgId: string }>('employers', { limit: 200 })
      const seen = new Set<string>()
      const names = employers.filter((e) => !seen.has(e.orgId) && seen.add(e.orgId)).map((e) => e.name)
      return { regions: areas.map((a) => ({ id: a._id, name: a.name })), employers: names, privacyNotice: PRIVACY_NOTICE }
    },
  },

  apply: applyAction,

  myStatus: {
    handler: async (_input, ctx) => {
      const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
        where: { applicantOpenid: ctx.caller.openid },
        orderBy: [['submittedAt', 'desc']],
        limit: 1,
      })
      return { application: doc ? toMine(doc) : null }
    },
  },

  withdraw: withdrawAction,

  card: {
    handler: async (_input, ctx): Promise<MemberCard> => {
      const doc = await myLive(ctx)
      if (!doc || doc.status !== 'approved' || !doc.memberNo) throw notFound('您还不是工会会员，申请通过后即可领取电子会员卡')
      const payload = cardPayload(keysOf(ctx).card, doc.memberNo, doc.name, doc.orgName, doc.joinDate ?? '')
      return { memberNo: doc.memberNo, name: doc.name, orgName: doc.orgName, joinDate: doc.joinDate ?? '', status: 'valid', qr: { payload, image: await qrImage(payload) } }
    },
  },

  verifyCard: {
    handler: async ({ payload }, ctx): Promise<CardVerification> => {
      const claims = readCardPayload(keysOf(ctx).card, payload)
      if (!claims) return { valid: false, label: '无效：二维码被篡改或不是本会签发的会员卡' }
      const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { memberNo: claims.n }, limit: 1 })
      const shown = { memberNo: claims.n, nameMasked: claims.m, orgName: claims.o }
      if (!doc || doc.status !== 'approved') return { valid: false, label: '无效：会员已注销', ...shown }
      return { valid: true, label: '有效', ...shown }
    },
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
    handler: async (_input, ctx): Promise<MemberExport> => {
      const { pii } = keysOf(ctx)
      const orgIds = await governedOrgIds(ctx.store, ctx.caller)
      const members: ApplicationDoc[] = []
      for (let skip = 0; ; skip += 500) {
        const page = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { orgId: { $in: orgIds }, status: 'approved' }, orderBy: [['memberNo', 'asc']], skip, limit: 500 })
        members.push(...page)
        if (page.length < 500) break
      }
      const unmasked = hasAnyRole(ctx.caller, ['admin'])
      const file = await membersWorkbook(members, pii, unmasked)
      await ctx.audit(ctx.store, scopesOf(ctx.caller, unmasked ? 'admin' : 'staff')[0] ?? '', null, { count: members.length, unmasked })
      const day = beijingDay(ctx.now())
      return { filename: `会员名单-${day}.xlsx`, base64: file.toString('base64'), count: members.length }
    },
  },
})
