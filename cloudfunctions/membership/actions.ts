import { maskIdNumber, maskPhone } from '../../src/contracts/membership/idcard'
import { statusLabel } from '../../src/contracts/membership/options'
import {
  type BulkApproveResult,
  type CardVerification,
  type MemberCard,
  type MemberExport,
  type MembershipOptions,
} from '../../src/contracts/membership/schemas'
import { PRIVACY_NOTICE } from '../../src/contracts/membership/options'
import { implement, type Ctx } from '../_core/contract'
import { beijingDay, beijingYear, endOfBeijingDay, startOfBeijingDay } from '../../src/contracts/time'
import { membershipApi } from '../../src/contracts/membership/api'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { governedOrgIds, governsOrg, hasAnyRole, orgChain, scopesOf } from '../_core/auth'
import { DuplicateKeyError, type Where } from '../_core/store/port'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import { issueCardQr, verifyCardInput } from './card'
import { isCardCode } from '../../src/contracts/membership/cardcode'
import { membersWorkbook } from './export'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, toDetail, toListItem, toMine, type ApplicationDoc } from './model'
import { nextMemberNo } from './numbers'
import { routeApplication, type RoutedOrg } from './routing'

/** The county this deployment serves: one federation per deployment, as unions deploy it. */
const COUNTY_ID = process.env.COUNTY_ORG_ID ?? 'org-leling'
const LIVE: ApplicationDoc['status'][] = ['pending', 'approved', 'rejected']

function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY and CARD_SIGNING_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

async function myLive(ctx: Ctx): Promise<ApplicationDoc | null> {
  const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid, status: { $in: LIVE } },
    orderBy: [['submittedAt', 'desc']],
    limit: 1,
  })
  return doc ?? null
}

/** Staff act on applications routed to their org or below it; admins on their whole county. */
async function governedApplication(ctx: Ctx, id: string): Promise<ApplicationDoc> {
  const doc = await ctx.store.get<ApplicationDoc>(APPLICATIONS, id)
  if (!doc) throw notFound('申请不存在或已撤回')
  if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这份申请不归您所在的工会审核')
  return doc
}

async function regionName(ctx: Ctx, region: string): Promise<string> {
  const area = await ctx.store.get<{ _id: string; name: string }>('areas', region)
  if (!area) throw new AppError('VALIDATION_FAILED', '所在地区不正确', [{ path: 'region', message: '请从列表中选择所在地区' }])
  return area.name
}

async function notifyReview(ctx: Ctx, tx: Ctx['store'], doc: ApplicationDoc) {
  const note = doc.rejectReason || (doc.memberNo ? `会员编号 ${doc.memberNo}` : '')
  await ctx.notify(tx, {
    openid: doc.applicantOpenid,
    template: 'membership_review',
    title: `入会申请${statusLabel(doc.status)}`,
    body: `${doc.orgName}：${statusLabel(doc.status)}${note ? `。${note}` : ''}`,
    page: 'pages/membership/index/index',
    data: { org: doc.orgName, result: statusLabel(doc.status), note },
  })
}

type Review = { decision: 'approve' | 'reject'; reason: string }

async function reviewOne(ctx: Ctx, id: string, review: Review): Promise<ApplicationDoc> {
  const doc = await governedApplication(ctx, id)
  if (doc.status !== 'pending') throw conflict(`这份申请已${statusLabel(doc.status)}，无需再审核`)
  const at = ctx.now()
  const updated = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
    if (!current || current.status !== 'pending') return null
    const next: ApplicationDoc = { ...current, reviewedBy: ctx.caller.openid, reviewedAt: at.toISOString() }
    if (review.decision === 'approve') {
      const chain = await Promise.all((await orgChain(tx, current.orgId)).map((o) => tx.get<RoutedOrg>('orgs', o)))
      const regionCode = chain.find((o) => o?.regionCode)?.regionCode ?? '000000'
      const year = beijingYear(at)
      next.status = 'approved'
      next.memberNo = await nextMemberNo(tx, regionCode, year)
      next.joinDate = beijingDay(at)
      next.timeline = [...current.timeline, { at: at.toISOString(), status: 'approved', note: `审核通过，会员编号 ${next.memberNo}` }]
    } else {
      next.status = 'rejected'
      next.rejectReason = review.reason
      next.timeline = [...current.timeline, { at: at.toISOString(), status: 'rejected', note: review.reason }]
    }
    await tx.put(APPLICATIONS, next)
    // In the same transaction: an approval never lands without its audit record and its notice.
    await ctx.audit(tx, id, { status: current.status }, { status: next.status, reason: next.rejectReason ?? null, memberNo: next.memberNo ?? null })
    await notifyReview(ctx, tx, next)
    return next
  })
  if (!updated) throw conflict('这份申请刚刚已被其他工作人员审核')
  return updated
}

async function releaseLocks(tx: Ctx['store'], doc: ApplicationDoc) {
  await tx.remove(ID_LOCKS, { _id: doc.idHash })
  await tx.remove(OPENID_LOCKS, { _id: doc.applicantOpenid })
}

/** Which application a duplicate lock points to, to tell a double tap (same person, same data) from a conflict. */
async function lockedApplication(ctx: Ctx, collection: string, id: string): Promise<ApplicationDoc | null> {
  const lock = await ctx.store.get<{ _id: string; appId: string }>(collection, id)
  return lock ? ctx.store.get<ApplicationDoc>(APPLICATIONS, lock.appId) : null
}

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

  apply: {
    handler: async (input, ctx) => {
      const { pii } = keysOf(ctx)
      const idHash = pii.hash(input.idNumber)
      const at = ctx.now().toISOString()
      const existing = await myLive(ctx)
      if (existing?.status === 'approved') throw conflict('您已是工会会员，无需重复申请')
      if (existing?.status === 'pending') {
        // A double tap sends the same form twice: answer with the one already stored.
        if (existing.idHash === idHash) return toMine(existing)
        throw conflict('您已有一份待审核的入会申请，如需修改请先撤回')
      }
      const route = await routeApplication(ctx.store, input, COUNTY_ID)
      const fields = {
        applicantOpenid: ctx.caller.openid,
        orgId: route.org._id,
        orgName: route.org.name,
        routedBy: route.routedBy,
        status: 'pending' as const,
        name: input.name,
        gender: input.gender,
        ethnicity: input.ethnicity,
        idCipher: pii.encrypt(input.idNumber),
        idHash,
        idMasked: maskIdNumber(input.idNumber),
        phoneCipher: pii.encrypt(input.phone),
        phoneMasked: maskPhone(input.phone),
        education: input.education,
        politicalStatus: input.politicalStatus,
        employer: input.employer,
        occupation: input.occupation,
        hukouType: input.hukouType,
        newEmploymentType: input.newEmploymentType,
        region: input.region,
        regionName: await regionName(ctx, input.region),
        consentAt: at,
        submittedAt: at,
      }
      try {
        const doc = await ctx.store.transaction(async (tx) => {
          if (existing) {
            // 已驳回: the applicant fixes the form and sends it again; the lock follows a corrected ID number.
            if (existing.idHash !== idHash) {
              await tx.insert(ID_LOCKS, { _id: idHash, appId: existing._id, openid: ctx.caller.openid })
              await tx.remove(ID_LOCKS, { _id: existing.idHash })
            }
            const next: ApplicationDoc = {
              ...existing,
              ...fields,
              rejectReason: undefined,
              timeline: [...existing.timeline, { at, status: 'resubmitted', note: `修改后重新提交至${route.org.name}` }],
            }
            delete next.rejectReason
            await tx.put(APPLICATIONS, next)
            return next
          }
          const appId = `app_${newId()}`
          await tx.insert(ID_LOCKS, { _id: idHash, appId, openid: ctx.caller.openid })
          await tx.insert(OPENID_LOCKS, { _id: ctx.caller.openid, appId })
          const doc: ApplicationDoc = { _id: appId, ...fields, timeline: [{ at, status: 'submitted', note: `已提交至${route.org.name}` }] }
          await tx.insert(APPLICATIONS, doc)
          return doc
        })
        ctx.log.info('membership_applied', { id: doc._id, org: doc.orgId, routedBy: doc.routedBy })
        return toMine(doc)
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e
        // Someone got there first. If it was this same person with this same ID number, it was a double tap.
        const other = await lockedApplication(ctx, e.collection, e.collection === ID_LOCKS ? idHash : ctx.caller.openid)
        if (other && other.applicantOpenid === ctx.caller.openid && other.idHash === idHash && other.status === 'pending') return toMine(other)
        if (e.collection === ID_LOCKS) throw conflict('该身份证号已提交过入会申请或已是会员，如有疑问请联系工会')
        throw conflict('您已有一份入会申请，请勿重复提交')
      }
    },
  },

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

  withdraw: {
    audit: 'membership.withdraw',
    handler: async (_input, ctx) => {
      const doc = await myLive(ctx)
      if (!doc) throw notFound('没有可撤回的入会申请')
      if (doc.status === 'approved') throw conflict('申请已通过，您已是会员；如需退会请联系所在工会')
      // 个人信息保护法: a withdrawn application is deleted, not flagged.
      await ctx.store.transaction(async (tx) => {
        await tx.remove(APPLICATIONS, { _id: doc._id })
        await releaseLocks(tx, doc)
      })
      await ctx.audit(ctx.store, doc._id, { status: doc.status }, { status: 'deleted' })
      return { withdrawn: true }
    },
  },

  card: {
    handler: async (_input, ctx): Promise<MemberCard> => {
      const doc = await myLive(ctx)
      if (!doc || doc.status !== 'approved' || !doc.memberNo) throw notFound('您还不是工会会员，申请通过后即可领取电子会员卡')
      const member = { memberNo: doc.memberNo, name: doc.name, orgName: doc.orgName, joinDate: doc.joinDate ?? '' }
      // A fresh QR and 核验码 on every call, valid for a few minutes: the page asks again before they expire.
      return { ...member, status: 'valid', qr: await issueCardQr(ctx.store, keysOf(ctx).card, member, ctx.now()) }
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
        return !doc ? 'unknown' : doc.status === 'approved' ? 'member' : 'revoked'
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

  bulkApprove: {
    audit: 'membership.review',
    handler: async ({ ids }, ctx): Promise<BulkApproveResult> => {
      const results: BulkApproveResult['results'] = []
      for (const id of [...new Set(ids)]) {
        try {
          await reviewOne(ctx, id, { decision: 'approve', reason: '' })
          results.push({ id, ok: true })
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          results.push({ id, ok: false, message: e.message })
        }
      }
      return { approved: results.filter((r) => r.ok).length, results }
    },
  },

  revoke: {
    audit: 'membership.revoke',
    handler: async ({ id, reason }, ctx) => {
      const doc = await governedApplication(ctx, id)
      if (doc.status !== 'approved') throw conflict('只有已通过的会员才能注销会籍')
      const at = ctx.now().toISOString()
      const next: ApplicationDoc = { ...doc, status: 'revoked', timeline: [...doc.timeline, { at, status: 'revoked', note: reason }] }
      await ctx.store.transaction(async (tx) => {
        const n = await tx.update(APPLICATIONS, { _id: id, status: 'approved' }, { set: { status: 'revoked', timeline: next.timeline } })
        if (!n) throw conflict('会籍状态刚刚已变更，请刷新后重试')
        // The ID number may join again later (another union, another job).
        await releaseLocks(tx, doc)
        await ctx.audit(tx, id, { status: 'approved' }, { status: 'revoked', reason })
        await notifyReview(ctx, tx, next)
      })
      return toDetail(next)
    },
  },

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
