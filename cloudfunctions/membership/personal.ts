import type { Ctx } from '../_core/contract'
import { count, definePersonal, type Erasure } from '../_core/personal'
import { CARD_CODES } from './card'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, type ApplicationDoc } from './model'
import { releaseLocks, unionPhone } from './shared'
import { TRANSFERS } from './transfer'
import { PHONE_CHECKS } from './phone'

const MAX = 200

/**
 * A pending or rejected application goes by the withdraw rules (re-read and deleted in one transaction with its
 * locks and an audit record); an approved membership, and a revoked one (the union's 会员档案), stay. Transfer
 * requests go with the application; those of a kept membership are part of its file.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const openid = ctx.caller.openid
  const docs = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { applicantOpenid: openid }, limit: MAX })
  let keptMembership = false
  for (const doc of docs) {
    if (doc.status === 'approved') {
      keptMembership = true
      const phone = await unionPhone(ctx, doc.orgId)
      out.kept.push({
        what: '工会会籍',
        reason: `您是${doc.orgName}会员，会籍需由工会办理退会后处理，请联系工会${phone ? `（电话 ${phone}）` : ''}`,
        retention: '会籍存续期间；退会后按工会会员档案规定保存',
      })
      continue
    }
    if (doc.status === 'revoked') {
      keptMembership = true
      out.kept.push({ what: '已注销的会籍记录', reason: '会员档案由工会按规定保存', retention: '按工会会员档案规定保存' })
      continue
    }
    const removed = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, doc._id)
      if (!current || (current.status !== 'pending' && current.status !== 'rejected')) return false
      await tx.remove(APPLICATIONS, { _id: current._id })
      await releaseLocks(tx, current)
      await ctx.audit(tx, current._id, { status: current.status }, { status: 'deleted', by: 'deleteMyData' })
      return true
    })
    if (removed) {
      count(out, APPLICATIONS, 1)
      // the apply limit per 身份证号 is keyed by its hash
      count(out, 'rate_limits', await ctx.store.remove('rate_limits', { _id: { $includes: doc.idHash } }))
    } else out.kept.push({ what: '入会申请', reason: '申请刚刚已审核通过或变更，请刷新后再试', retention: '请刷新后再次删除' })
  }
  count(out, PHONE_CHECKS, await ctx.store.remove(PHONE_CHECKS, { _id: openid }))
  if (!keptMembership) {
    count(out, TRANSFERS, await ctx.store.remove(TRANSFERS, { applicantOpenid: openid }))
    // Locks normally go with their application; any left behind by an interrupted write go now.
    count(out, ID_LOCKS, await ctx.store.remove(ID_LOCKS, { openid }))
    count(out, OPENID_LOCKS, await ctx.store.remove(OPENID_LOCKS, { _id: openid }))
  }
}

export default definePersonal({
  collections: {
    [APPLICATIONS]: { owner: 'applicantOpenid', erase: 'domain', how: '待审核、被驳回的申请删除；已通过、已注销的会籍保留并说明' },
    [TRANSFERS]: { owner: 'applicantOpenid', erase: 'domain', how: '随入会申请删除；保留的会籍的转移记录随会籍保存' },
    [ID_LOCKS]: { owner: 'openid', erase: 'domain', how: '只有身份证号的密钥哈希，随申请一起删除' },
    [OPENID_LOCKS]: { owner: '_id', erase: 'domain', how: '随申请一起删除' },
    [PHONE_CHECKS]: { owner: '_id', erase: 'domain', how: '微信验证过、尚未用于申请的手机号（加密，30 分钟失效），删除' },
    membership_drives: { none: '集中入会活动码：工会、活动名称和发起的工作人员，不含职工信息' },
    membership_inactive_reviews: { none: '半年无活动名单的核查结果：会员记录编号、结果、说明和核查的工作人员，随会员档案保存，不含身份证号和手机号' },
    employers: { none: '用人单位名称和别名，由工会维护' },
    counters: { none: '会员编号计数' },
    [CARD_CODES]: { owner: 'memberNo', erase: 'domain', how: '只有会员才有（脱敏姓名、会员编号，5 分钟失效），随会籍保存' },
  },
  erase,
})
