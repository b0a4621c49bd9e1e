import type { membershipApi } from '../../src/contracts/membership/api'
import type { StaffTransferItem, TransferItem, TransferStatus } from '../../src/contracts/membership/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { governedOrgIds, governsOrg } from '../_core/auth'
import { newId } from '../_core/ids'
import type { Where } from '../_core/store/port'
import { APPLICATIONS, type ApplicationDoc } from './model'
import { routeApplication, type Route } from './routing'
import { requireCounty } from '../_core/county'
import { myLive } from './shared'

/**
 * 会籍转移: a member who changes employer moves to another grassroots union. The member asks, the RECEIVING
 * union (or one above it) decides; the member number, join date and card stay, only the union changes.
 * At most one pending transfer per membership: the application document holds `pendingTransferId`, set and
 * cleared only inside transactions together with the transfer document.
 */

export const TRANSFERS = 'membership_transfers'

interface TransferDoc {
  _id: string
  appId: string
  applicantOpenid: string
  memberName: string
  memberNo: string
  fromOrgId: string
  fromOrgName: string
  toOrgId: string
  toOrgName: string
  routedBy: Route['routedBy']
  toEmployer: string
  region: string
  reason: string
  status: TransferStatus
  requestedAt: string
  decidedAt?: string
  decidedBy?: string
  decidedByName?: string
  rejectReason?: string
  [field: string]: unknown
}

type MemberDoc = ApplicationDoc & { pendingTransferId?: string }

function toTransferItem(t: TransferDoc, forStaff = false): TransferItem {
  return {
    id: t._id,
    status: t.status,
    memberName: t.memberName,
    memberNo: t.memberNo,
    from: { id: t.fromOrgId, name: t.fromOrgName },
    to: { id: t.toOrgId, name: t.toOrgName },
    toEmployer: t.toEmployer,
    reason: t.reason,
    requestedAt: t.requestedAt,
    ...(t.decidedAt ? { decidedAt: t.decidedAt } : {}),
    ...(forStaff && t.decidedByName ? { decidedBy: t.decidedByName } : {}),
    ...(t.rejectReason ? { rejectReason: t.rejectReason } : {}),
  }
}

function staffItem(t: TransferDoc, governed: Set<string>): StaffTransferItem {
  const incoming = governed.has(t.toOrgId)
  return { ...toTransferItem(t, true), direction: incoming ? 'in' : 'out', canDecide: incoming && t.status === 'pending' }
}

const TRANSFER_TOO_OFTEN = '转移申请太频繁了，请一小时后再试'

export const requestTransferAction: Impl<typeof membershipApi.requestTransfer> = {
  rateLimit: { key: (_i, ctx) => `membership-transfer:${ctx.caller.openid}`, max: 5, perMs: 3600_000, message: TRANSFER_TOO_OFTEN },
  handler: async (input, ctx) => {
    const member = (await myLive(ctx)) as MemberDoc | null
    if (!member || member.status !== 'approved' || !member.memberNo) throw conflict('只有已入会的会员才能申请会籍转移')
    if (member.pendingTransferId) throw conflict('您已有一份待审核的会籍转移申请，请等待审核或先撤回')
    const region = input.region ?? member.region
    if (input.region && !(await ctx.store.get('areas', input.region))) {
      throw new AppError('VALIDATION_FAILED', '所在地区不正确', [{ path: 'region', message: '请从列表中选择所在地区' }])
    }
    // Routed exactly as a new application would be, with the member's own 新就业形态 group.
    const { orgId: countyId } = await requireCounty(ctx.store)
    const route = await routeApplication(ctx.store, { employer: input.toEmployer, newEmploymentType: member.newEmploymentType, region }, countyId)
    if (route.org._id === member.orgId) {
      throw new AppError('VALIDATION_FAILED', `新工作单位仍由${member.orgName}受理，无需转移会籍`, [
        { path: 'toEmployer', message: `新工作单位仍属于${member.orgName}，无需转移` },
      ])
    }
    const at = ctx.now().toISOString()
    const doc: TransferDoc = {
      _id: `tr_${newId()}`,
      appId: member._id,
      applicantOpenid: ctx.caller.openid,
      memberName: member.name,
      memberNo: member.memberNo,
      fromOrgId: member.orgId,
      fromOrgName: member.orgName,
      toOrgId: route.org._id,
      toOrgName: route.org.name,
      routedBy: route.routedBy,
      toEmployer: input.toEmployer,
      region,
      reason: input.reason,
      status: 'pending',
      requestedAt: at,
    }
    await ctx.store.transaction(async (tx) => {
      const current = await tx.get<MemberDoc>(APPLICATIONS, member._id)
      if (!current || current.status !== 'approved') throw conflict('会籍状态刚刚已变更，请刷新后重试')
      if (current.pendingTransferId) throw conflict('您已有一份待审核的会籍转移申请，请等待审核或先撤回')
      await tx.put(APPLICATIONS, { ...current, pendingTransferId: doc._id, activeAt: at })
      await tx.insert(TRANSFERS, doc)
    })
    ctx.log.info('membership_transfer_requested', { id: doc._id, from: doc.fromOrgId, to: doc.toOrgId })
    return toTransferItem(doc)
  },
}

export const myTransferAction: Impl<typeof membershipApi.myTransfer> = {
  handler: async (_input, ctx) => {
    const [doc] = await ctx.store.find<TransferDoc>(TRANSFERS, {
      where: { applicantOpenid: ctx.caller.openid },
      orderBy: [['requestedAt', 'desc']],
      limit: 1,
    })
    return { transfer: doc ? toTransferItem(doc) : null }
  },
}

export const cancelTransferAction: Impl<typeof membershipApi.cancelTransfer> = {
  audit: 'membership.transfer',
  handler: async ({ id }, ctx) => {
    const doc = await ctx.store.get<TransferDoc>(TRANSFERS, id)
    if (!doc || doc.applicantOpenid !== ctx.caller.openid) throw notFound('转移申请不存在')
    if (doc.status !== 'pending') throw conflict('这份转移申请已处理，无法撤回')
    const at = ctx.now().toISOString()
    const next: TransferDoc = { ...doc, status: 'cancelled', decidedAt: at }
    await ctx.store.transaction(async (tx) => {
      const n = await tx.update(TRANSFERS, { _id: id, status: 'pending' }, { set: { status: 'cancelled', decidedAt: at } })
      if (!n) throw conflict('这份转移申请刚刚已被工会处理，请刷新后查看')
      const app = await tx.get<MemberDoc>(APPLICATIONS, doc.appId)
      if (app && app.pendingTransferId === id) {
        const { pendingTransferId: _drop, ...rest } = app
        await tx.put(APPLICATIONS, rest)
      }
      await ctx.audit(tx, id, { status: 'pending' }, { status: 'cancelled' })
    })
    return toTransferItem(next)
  },
}

async function governedSet(ctx: Ctx): Promise<Set<string>> {
  return new Set(await governedOrgIds(ctx.store, ctx.caller))
}

export const transfersAction: Impl<typeof membershipApi.transfers> = {
  handler: async ({ status }, ctx) => {
    const governed = await governedSet(ctx)
    const orgIds = [...governed]
    if (!orgIds.length) return { items: [] }
    const base: Where = status ? { status } : {}
    const [incoming, outgoing] = await Promise.all([
      ctx.store.find<TransferDoc>(TRANSFERS, { where: { ...base, toOrgId: { $in: orgIds } }, orderBy: [['requestedAt', 'desc']], limit: 200 }),
      ctx.store.find<TransferDoc>(TRANSFERS, { where: { ...base, fromOrgId: { $in: orgIds } }, orderBy: [['requestedAt', 'desc']], limit: 200 }),
    ])
    const seen = new Set<string>()
    const items = [...incoming, ...outgoing]
      .filter((t) => !seen.has(t._id) && seen.add(t._id))
      .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0))
      .map((t) => staffItem(t, governed))
    return { items }
  },
}

export const transferPendingCountAction: Impl<typeof membershipApi.transferPendingCount> = {
  handler: async (_input, ctx) => {
    const orgIds = await governedOrgIds(ctx.store, ctx.caller)
    return { count: orgIds.length ? await ctx.store.count(TRANSFERS, { toOrgId: { $in: orgIds }, status: 'pending' }) : 0 }
  },
}

export const reviewTransferAction: Impl<typeof membershipApi.reviewTransfer> = {
  audit: 'membership.transfer',
  handler: async ({ id, decision, reason }, ctx) => {
    const doc = await ctx.store.get<TransferDoc>(TRANSFERS, id)
    if (!doc) throw notFound('转移申请不存在或已撤回')
    // Only the union the member moves INTO (or one above it) decides; the union they leave only sees it.
    if (!(await governsOrg(ctx.store, ctx.caller, doc.toOrgId))) throw forbidden('会籍转移由转入的工会审核')
    if (doc.status !== 'pending') throw conflict('这份转移申请已处理，无需再审核')
    const at = ctx.now().toISOString()
    const by = ctx.caller.name || '工作人员'
    const updated = await ctx.store.transaction(async (tx) => {
      // The guard: the transfer is still pending, read inside the transaction that changes it.
      const current = await tx.get<TransferDoc>(TRANSFERS, id)
      if (!current || current.status !== 'pending') return null
      const app = await tx.get<MemberDoc>(APPLICATIONS, current.appId)
      const { pendingTransferId: _drop, ...rest } = app ?? ({} as MemberDoc)
      const decided: TransferDoc = { ...current, decidedAt: at, decidedBy: ctx.caller.openid, decidedByName: by }
      if (decision === 'approve') {
        if (!app || app.status !== 'approved' || app.memberNo !== current.memberNo) throw conflict('该会员的会籍已变更（可能已注销），无法转移')
        decided.status = 'approved'
        const moved: ApplicationDoc = {
          ...(rest as ApplicationDoc),
          orgId: current.toOrgId,
          orgName: current.toOrgName,
          routedBy: current.routedBy,
          employer: current.toEmployer,
          timeline: [...app.timeline, { at, status: 'transferred', note: `会籍由${current.fromOrgName}转入${current.toOrgName}`, by }],
        }
        await tx.put(APPLICATIONS, moved)
      } else {
        decided.status = 'rejected'
        decided.rejectReason = reason
        if (app && app.pendingTransferId === id) await tx.put(APPLICATIONS, rest as ApplicationDoc)
      }
      await tx.put(TRANSFERS, decided)
      await ctx.audit(
        tx,
        id,
        { status: 'pending', orgId: current.fromOrgId },
        { status: decided.status, orgId: decision === 'approve' ? current.toOrgId : current.fromOrgId, reason: reason || null },
      )
      const result = decision === 'approve' ? '已同意' : '未同意'
      await ctx.notify(tx, {
        openid: current.applicantOpenid,
        template: 'membership_review',
        title: `会籍转移${result}`,
        body:
          decision === 'approve'
            ? `您的会籍已由${current.fromOrgName}转入${current.toOrgName}，会员编号 ${current.memberNo} 不变`
            : `${current.toOrgName}未同意您的会籍转移申请。原因：${reason}`,
        page: 'pages/membership/transfer/index',
        data: { org: current.toOrgName, result, note: decision === 'approve' ? `会员编号 ${current.memberNo} 不变` : reason },
      })
      return decided
    })
    if (!updated) throw conflict('这份转移申请刚刚已被其他工作人员处理')
    return staffItem(updated, await governedSet(ctx))
  },
}
