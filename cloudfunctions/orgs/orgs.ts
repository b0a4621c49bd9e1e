import type { orgsApi } from '../../src/contracts/orgs/api'
import { takesIndustries } from '../../src/contracts/orgs/labels'
import type { Ctx, Impl } from '../_core/contract'
import { countySettings, writeCountySettings, type CountySettings } from '../_core/county'
import { conflict, forbidden, invalid, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import { adminRoots, COUNTY_ONLY, requireGoverned } from './access'
import { AREAS, ORGS, orgAuditView, toArea, toNode, type AreaRecord, type OrgRecord } from './model'
import { claimNameInTx, moveInTx, renameInTx } from './guards'
import { kindRefusal, moveRefusal, OrgIndex } from './tree'

/** The org tree: what the 组织架构 page shows, and adding, editing, moving and disabling orgs. */

export async function loadAreas(ctx: Ctx): Promise<AreaRecord[]> {
  return ctx.store.find<AreaRecord>(AREAS, { orderBy: [['order', 'asc']], limit: 200 })
}

async function checkRegions(ctx: Ctx, regions: string[]): Promise<void> {
  if (!regions.length) return
  const known = new Set((await loadAreas(ctx)).map((a) => a._id))
  const i = regions.findIndex((r) => !known.has(r))
  if (i >= 0) throw invalid([{ path: `regions.${i}`, message: '所选街道/乡镇不存在，请刷新后重新选择' }], '所选街道/乡镇不存在，请刷新后重新选择')
}

function refuseName(index: OrgIndex, name: string, exceptId?: string): void {
  const other = index.withName(name, exceptId)
  if (other) throw invalid([{ path: 'name', message: `已有同名组织「${other.name}」，组织名称不能重复` }], `已有同名组织「${other.name}」`)
}

/** The root of the caller's trees can be neither moved nor disabled by them: only from above. */
function refuseOwn(ctx: Ctx, org: OrgRecord, what: string): void {
  if (adminRoots(ctx).includes(org._id)) throw forbidden(`不能${what}您自己所在的工会「${org.name}」，请联系上级工会的管理员`)
}

export const treeAction: Impl<typeof orgsApi.tree> = {
  handler: async (_input, ctx) => {
    const roots = adminRoots(ctx)
    const [index, areas, county] = await Promise.all([OrgIndex.load(ctx.store), loadAreas(ctx), countySettings(ctx.store)])
    return {
      items: index.flatten(roots),
      areas: areas.map(toArea),
      county: county ? { orgId: county.orgId, name: county.name, regionCode: county.regionCode } : null,
      countyAdmin: !!county && roots.includes(county.orgId),
      detached: county && roots.includes(county.orgId) ? index.detached().map((o) => toNode(o, 0, false)) : [],
    }
  },
}

export const saveOrgAction: Impl<typeof orgsApi.saveOrg> = {
  audit: 'orgs.org',
  handler: async (input, ctx) => {
    const roots = adminRoots(ctx)
    const index = await OrgIndex.load(ctx.store)
    const at = ctx.now().toISOString()
    const fields = {
      name: input.name,
      kind: input.kind,
      phone: input.phone,
      industries: takesIndustries(input.kind) ? input.industries : [],
      regions: [...new Set(input.regions)],
    }
    if (input.id) {
      const org = index.get(input.id)
      if (!org) throw notFound('组织不存在或已被删除')
      requireGoverned(index, roots, org._id)
      const kindError = kindRefusal(org.parentId ?? null, input.kind)
      if (kindError) throw invalid([{ path: 'kind', message: kindError }], kindError)
      refuseName(index, input.name, org._id)
      await checkRegions(ctx, fields.regions)
      const county = await countySettings(ctx.store)
      await ctx.store.transaction(async (tx) => {
        const current = await tx.get<OrgRecord>(ORGS, org._id)
        if (!current) throw notFound('组织不存在或已被删除')
        const next = { ...current, ...fields, updatedAt: at, updatedBy: ctx.caller.openid }
        await renameInTx(tx, current, input.name)
        await tx.update(ORGS, { _id: org._id }, { set: { ...fields, updatedAt: at, updatedBy: ctx.caller.openid } })
        // The county's name in its settings follows its org's.
        if (county?.orgId === org._id && county.name !== input.name) await writeCountySettings(tx, { ...county, name: input.name })
        await ctx.audit(tx, org._id, orgAuditView(current), orgAuditView(next))
      })
      ctx.log.info('org_updated', { id: org._id, by: ctx.caller.openid })
      return { id: org._id, created: false }
    }

    const parentId = input.parentId as string
    const parent = index.get(parentId)
    if (!parent) throw invalid([{ path: 'parentId', message: '上级组织不存在，请刷新后重试' }], '上级组织不存在，请刷新后重试')
    requireGoverned(index, roots, parent._id, '只能在您所在工会及其下级组织之下新增组织')
    const kindError = kindRefusal(parentId, input.kind)
    if (kindError) throw invalid([{ path: 'kind', message: kindError }], kindError)
    refuseName(index, input.name)
    await checkRegions(ctx, fields.regions)
    const doc: OrgRecord = {
      _id: index.newId(input.name),
      parentId,
      ...fields,
      disabled: false,
      createdAt: at,
      updatedAt: at,
      updatedBy: ctx.caller.openid,
    }
    try {
      await ctx.store.transaction(async (tx) => {
        await claimNameInTx(tx, doc._id, doc.name)
        await tx.insert(ORGS, doc)
        await ctx.audit(tx, doc._id, null, orgAuditView(doc))
      })
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict(`「${input.name}」刚刚已被他人添加，请刷新后查看`)
      throw e
    }
    ctx.log.info('org_created', { id: doc._id, by: ctx.caller.openid })
    return { id: doc._id, created: true }
  },
}

export const moveOrgAction: Impl<typeof orgsApi.moveOrg> = {
  audit: 'orgs.org',
  handler: async ({ id, parentId }, ctx) => {
    const roots = adminRoots(ctx)
    const index = await OrgIndex.load(ctx.store)
    const org = index.get(id)
    if (!org) throw notFound('组织不存在或已被删除')
    requireGoverned(index, roots, org._id)
    if (org.parentId) refuseOwn(ctx, org, '移动')
    const refusal = moveRefusal(index, id, parentId)
    if (refusal) throw invalid([{ path: 'parentId', message: refusal }], refusal)
    requireGoverned(index, roots, parentId, '只能移到您所在工会及其下级组织之下')
    const kindError = kindRefusal(parentId, org.kind)
    if (kindError) throw invalid([{ path: 'parentId', message: kindError }], kindError)
    if (org.parentId === parentId) return { id, parentId }
    const from = org.parentId
    // Checked again inside the transaction on the tree as it is then (guards.ts): two moves at once (A under B
    // while B goes under A) each pass the check above, and only one of them may commit.
    await ctx.store.transaction(async (tx) => {
      const current = await tx.get<OrgRecord>(ORGS, id)
      if (!current || current.parentId !== from) throw conflict('该组织刚被他人移动，请刷新后再试')
      await moveInTx(tx, id, parentId, { updatedAt: ctx.now().toISOString(), updatedBy: ctx.caller.openid })
      await ctx.audit(tx, id, { parentId: from }, { parentId })
    })
    ctx.log.info('org_moved', { id, from, to: parentId, by: ctx.caller.openid })
    return { id, parentId }
  },
}

export const repairOrgAction: Impl<typeof orgsApi.repairOrg> = {
  audit: 'orgs.org',
  handler: async ({ id, parentId }, ctx) => {
    const county = await countySettings(ctx.store)
    if (!county || !adminRoots(ctx).includes(county.orgId)) throw forbidden('只有县总工会的管理员可以修复不在组织树上的组织')
    const index = await OrgIndex.load(ctx.store)
    const org = index.get(id)
    if (!org) throw notFound('组织不存在或已被删除')
    if (index.onTree(id)) throw conflict(`「${org.name}」已在组织树上，如需调整请用「移动」`)
    const parent = index.get(parentId)
    if (!parent || !index.onTree(parentId) || index.isWithin(parentId, id)) {
      throw invalid([{ path: 'parentId', message: '请选择组织树上的一个组织作为上级' }], '请选择组织树上的一个组织作为上级')
    }
    const kindError = kindRefusal(parentId, org.kind)
    if (kindError) throw invalid([{ path: 'parentId', message: kindError }], kindError)
    await ctx.store.transaction(async (tx) => {
      const current = await tx.get<OrgRecord>(ORGS, id)
      if (!current) throw notFound('组织不存在或已被删除')
      await moveInTx(tx, id, parentId, { updatedAt: ctx.now().toISOString(), updatedBy: ctx.caller.openid })
      await ctx.audit(tx, id, { parentId: current.parentId ?? null }, { parentId })
    })
    ctx.log.info('org_repaired', { id, from: org.parentId, to: parentId, by: ctx.caller.openid })
    return { id, parentId }
  },
}

export const setOrgDisabledAction: Impl<typeof orgsApi.setOrgDisabled> = {
  audit: 'orgs.org',
  handler: async ({ id, disabled }, ctx) => {
    const index = await OrgIndex.load(ctx.store)
    const org = index.get(id)
    if (!org) throw notFound('组织不存在或已被删除')
    requireGoverned(index, adminRoots(ctx), id)
    if (!org.parentId) throw conflict(`「${org.name}」是县总工会，不能停用`)
    refuseOwn(ctx, org, disabled ? '停用' : '启用')
    if ((org.disabled === true) === disabled) return { id, disabled }
    await ctx.store.transaction(async (tx) => {
      await tx.update(ORGS, { _id: id }, { set: { disabled, updatedAt: ctx.now().toISOString(), updatedBy: ctx.caller.openid } })
      await ctx.audit(tx, id, { disabled: !disabled }, { disabled })
    })
    ctx.log.info(disabled ? 'org_disabled' : 'org_enabled', { id, by: ctx.caller.openid })
    return { id, disabled }
  },
}

export const saveCountyAction: Impl<typeof orgsApi.saveCounty> = {
  audit: 'orgs.county',
  handler: async ({ regionCode }, ctx) => {
    const roots = adminRoots(ctx)
    let county = await countySettings(ctx.store)
    if (county && !roots.includes(county.orgId)) throw forbidden(COUNTY_ONLY)
    if (!county) {
      // Set up before settings existed: the admin of the tree's root finishes the setup here.
      const index = await OrgIndex.load(ctx.store)
      const root = roots.map((r) => index.get(r)).find((o) => o && !o.parentId)
      if (!root) throw forbidden(COUNTY_ONLY)
      county = { orgId: root._id, name: root.name, regionCode: '' }
    }
    const next: CountySettings = { ...county, regionCode }
    if (county.regionCode === regionCode) return next
    const before = county.regionCode ? county : null
    await ctx.store.transaction(async (tx) => {
      await writeCountySettings(tx, next)
      await ctx.audit(tx, 'county', before, next)
    })
    ctx.log.info('county_region_code', { regionCode, by: ctx.caller.openid })
    return next
  },
}
