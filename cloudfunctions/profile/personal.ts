import type { Ctx } from '../_core/contract'
import { count, definePersonal, type Erasure } from '../_core/personal'
import { UPLOAD_PATHS } from '../_core/uploads'
import type { UserDoc } from '../_core/auth'
import { PROFILES } from './phone'

const MAX = 500

/**
 * The core collections every function shares (declared here, where 删除我的数据 lives), and profile's own.
 * Files uploaded but never used (an import only previewed, evidence never sent) are removed by the paths handed
 * out for them; where the storage cannot name them (CloudBase without STORAGE_BUCKET) the bucket's 1-day rule does.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const openid = ctx.caller.openid
  const user = await ctx.store.get<UserDoc>('users', openid)
  if (user) {
    if (user.grants?.length) {
      out.kept.push({ what: '工作人员身份', reason: '您持有工作人员权限，请管理员撤销后再删除', retention: '权限撤销前' })
    } else count(out, 'users', await ctx.store.remove('users', { _id: openid }))
  }
  const paths = await ctx.store.find<{ _id: string }>(UPLOAD_PATHS, { where: { openid }, limit: MAX })
  const storage = ctx.files
  const ids = paths.map((p) => storage.idOf(p._id))
  const known = ids.filter((id): id is string => !!id)
  if (known.length) {
    await storage.remove(known)
    out.files += known.length
  }
  if (known.length < ids.length) {
    out.kept.push({ what: '上传后未使用的文件', reason: '存储中的文件由存储规则自动删除', retention: '上传后 1 天' })
  }
  count(out, UPLOAD_PATHS, await ctx.store.remove(UPLOAD_PATHS, { openid }))
  // Counters of how often one called an action; keyed by openid. They expire within a day anyway.
  count(out, 'rate_limits', await ctx.store.remove('rate_limits', { _id: { $includes: openid } }))
}

export default definePersonal({
  collections: {
    users: { owner: '_id', erase: 'domain', how: '职工的身份记录删除；工作人员须先由管理员撤销权限' },
    orgs: { none: '组织架构' },
    areas: { none: '街道/乡镇' },
    settings: { none: '本县设置' },
    rate_limits: { owner: '_id', erase: 'domain', how: '按编号中的 openid 删除操作频率计数' },
    audit_log: {
      owner: 'actor',
      erase: 'keep',
      what: '操作审计记录',
      reason: '记录谁在何时办理了什么（不含身份证号和手机号），供工会审计',
      retention: '3 年',
    },
    outbox: { owner: 'openid', erase: 'delete' },
    [UPLOAD_PATHS]: { owner: 'openid', erase: 'domain', how: '删除上传后未使用的文件及其记录' },
    [PROFILES]: { owner: '_id', erase: 'delete' },
  },
  erase,
})
