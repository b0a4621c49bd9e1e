import type { orgsApi } from '../../src/contracts/orgs/api'
import type { EmployerItem } from '../../src/contracts/orgs/schemas'
import { newId } from '../_core/ids'
import type { Impl } from '../_core/contract'
import { findAll } from '../_core/paging'
import { conflict, invalid, notFound } from '../_core/errors'
import { DuplicateKeyError, type Where } from '../_core/store/port'
import { employerDocId } from '../membership/routing'
import { adminRoots, requireGoverned } from './access'
import { groupIdOf, groupView, loadGroup, planChanges, planGroup, takenKeys, writeGroup } from './employer-groups'
import { EMPLOYERS, type EmployerRecord } from './model'
import { OrgIndex } from './tree'

/** Employers that route 入会 applications: listed and searched by any of their names, added, re-pointed, removed. */

export const employersAction: Impl<typeof orgsApi.employers> = {
  handler: async ({ id, q, orgId, page, pageSize }, ctx) => {
    const index = await OrgIndex.load(ctx.store)
    const roots = adminRoots(ctx)
    const governed = index.flatten(roots).map((o) => o.id)
    if (orgId) requireGoverned(index, roots, orgId)
    if (!governed.length) return { items: [], total: 0 }
    const where: Where = { orgId: orgId ? orgId : { $in: governed } }
    if (q) where.name = { $includes: q }
    const hits = id
      ? (await loadGroup(ctx.store, id)).filter((d) => governed.includes(d.orgId))
      : // Every matching routing key, in pages: the list is sorted by name and paged here, so none may be cut.
        await findAll<EmployerRecord>(ctx.store, EMPLOYERS, where)
    const gids = [...new Set(hits.map(groupIdOf))]
    // A search may hit only an alias: the rest of each employer's names are read to show it whole.
    const rest = q && gids.length ? await findAll<EmployerRecord>(ctx.store, EMPLOYERS, { employerId: { $in: gids } }) : []
    const groups = new Map<string, EmployerRecord[]>()
    for (const d of [...hits, ...rest]) {
      const list = groups.get(groupIdOf(d)) ?? []
      if (!list.some((x) => x._id === d._id)) list.push(d)
      groups.set(groupIdOf(d), list)
    }
    const items: EmployerItem[] = []
    for (const [id, docs] of groups) {
      const view = groupView(docs)
      if (!view) continue
      const org = index.get(view.orgId)
      items.push({ id, ...view, orgName: org?.name ?? '（已删除的组织）', orgDisabled: org?.disabled === true })
    }
    items.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length }
  },
}

export const saveEmployerAction: Impl<typeof orgsApi.saveEmployer> = {
  audit: 'orgs.employer',
  handler: async (input, ctx) => {
    const index = await OrgIndex.load(ctx.store)
    const roots = adminRoots(ctx)
    const org = index.get(input.orgId)
    if (!org) throw invalid([{ path: 'orgId', message: '所选工会不存在，请刷新后重新选择' }], '所选工会不存在，请刷新后重新选择')
    requireGoverned(index, roots, org._id, '只能把用人单位分派到您所在工会及其下级组织')
    if (org.disabled) throw invalid([{ path: 'orgId', message: `「${org.name}」已停用，不能接收入会申请` }], `「${org.name}」已停用`)

    const gid = input.id ?? `eg_${newId()}`
    const current = input.id ? await loadGroup(ctx.store, input.id) : []
    if (input.id) {
      const view = groupView(current)
      if (!view) throw notFound('用人单位不存在或已被删除')
      requireGoverned(index, roots, view.orgId, '这个用人单位属于您管理范围以外的工会')
    }
    const plan = planGroup(
      gid,
      current,
      { name: input.name, aliases: [...new Set(input.aliases)], orgId: org._id },
      ctx.now().toISOString(),
      ctx.caller.openid,
    )
    const taken = await takenKeys(ctx.store, plan)
    if (taken.length) {
      const names = [input.name, ...input.aliases]
      const fields = taken.map((t) => {
        const i = names.findIndex((n) => employerDocId(n) === t._id)
        const owner = index.get(t.orgId)?.name ?? '其他工会'
        return { path: i <= 0 ? 'name' : `aliases.${i - 1}`, message: `「${names[i] ?? t.name}」已登记为其他用人单位的名称（分派到${owner}）` }
      })
      throw invalid(fields, fields[0].message)
    }
    if (!planChanges(plan)) return { id: gid, created: false }
    try {
      await ctx.store.transaction((tx) => writeGroup(ctx, tx, plan))
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict('这个单位名称刚刚已被他人登记，请刷新后查看')
      throw e
    }
    ctx.log.info(input.id ? 'employer_updated' : 'employer_created', { id: gid, org: org._id, by: ctx.caller.openid })
    return { id: gid, created: !input.id }
  },
}

export const removeEmployerAction: Impl<typeof orgsApi.removeEmployer> = {
  audit: 'orgs.employer',
  handler: async ({ id }, ctx) => {
    const current = await loadGroup(ctx.store, id)
    const view = groupView(current)
    if (!view) throw notFound('用人单位不存在或已被删除')
    requireGoverned(await OrgIndex.load(ctx.store), adminRoots(ctx), view.orgId, '这个用人单位属于您管理范围以外的工会')
    await ctx.store.transaction(async (tx) => {
      for (const d of current) await tx.remove(EMPLOYERS, { _id: d._id })
      await ctx.audit(tx, id, view, null)
    })
    ctx.log.info('employer_removed', { id, by: ctx.caller.openid })
    return { removed: true }
  },
}
