import type { orgsApi } from '../../src/contracts/orgs/api'
import { normalizeName } from '../../src/contracts/orgs/names'
import type { Impl } from '../_core/contract'
import { conflict, invalid, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import { requireCountyAdmin } from './access'
import { AREAS, areaKeyId, toArea, type AreaRecord } from './model'
import { loadAreas } from './orgs'

/** 街道/乡镇: the list the 入会 form offers and 联合工会 serve; the county federation's admins keep it. */

function centerOf(lat?: number | null, lng?: number | null): AreaRecord['center'] {
  return typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null
}

function areaView(a: AreaRecord | null) {
  return a ? { name: a.name, center: a.center ?? null, order: a.order, disabled: a.disabled === true } : null
}

export const saveAreaAction: Impl<typeof orgsApi.saveArea> = {
  audit: 'orgs.area',
  handler: async (input, ctx) => {
    const county = await requireCountyAdmin(ctx)
    const areas = await loadAreas(ctx)
    const clash = areas.find((a) => a._id !== input.id && normalizeName(a.name) === normalizeName(input.name))
    if (clash) throw invalid([{ path: 'name', message: `已有「${clash.name}」，名称不能重复` }], `已有「${clash.name}」`)
    const center = centerOf(input.lat, input.lng)
    if (input.id) {
      const area = areas.find((a) => a._id === input.id)
      if (!area) throw notFound('街道/乡镇不存在或已被删除')
      await ctx.store.transaction(async (tx) => {
        await tx.update(AREAS, { _id: area._id }, { set: { name: input.name, center } })
        await ctx.audit(tx, area._id, areaView(area), areaView({ ...area, name: input.name, center }))
      })
      return { id: area._id, created: false }
    }
    const taken = new Set(areas.map((a) => a._id))
    const doc: AreaRecord = {
      _id: areaKeyId(input.name, (id) => taken.has(id)),
      name: input.name,
      center,
      orgId: county.orgId,
      order: areas.reduce((max, a) => Math.max(max, a.order ?? 0), -1) + 1,
      disabled: false,
    }
    try {
      await ctx.store.transaction(async (tx) => {
        await tx.insert(AREAS, doc)
        await ctx.audit(tx, doc._id, null, areaView(doc))
      })
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict(`「${input.name}」刚刚已被他人添加，请刷新后查看`)
      throw e
    }
    return { id: doc._id, created: true }
  },
}

export const moveAreaAction: Impl<typeof orgsApi.moveArea> = {
  audit: 'orgs.area',
  handler: async ({ id, offset }, ctx) => {
    await requireCountyAdmin(ctx)
    const areas = await loadAreas(ctx)
    const i = areas.findIndex((a) => a._id === id)
    if (i < 0) throw notFound('街道/乡镇不存在或已被删除')
    const j = i + offset
    if (j < 0 || j >= areas.length) return { items: areas.map(toArea) }
    const next = [...areas]
    ;[next[i], next[j]] = [next[j], next[i]]
    // Orders are renumbered 0…n-1 as they are written: older data may hold gaps or ties.
    const changed = next.map((a, order) => ({ a, order })).filter(({ a, order }) => a.order !== order)
    await ctx.store.transaction(async (tx) => {
      for (const { a, order } of changed) await tx.update(AREAS, { _id: a._id }, { set: { order } })
      await ctx.audit(tx, id, { order: i }, { order: j })
    })
    return { items: next.map((a, order) => toArea({ ...a, order })) }
  },
}

export const setAreaDisabledAction: Impl<typeof orgsApi.setAreaDisabled> = {
  audit: 'orgs.area',
  handler: async ({ id, disabled }, ctx) => {
    await requireCountyAdmin(ctx)
    const area = await ctx.store.get<AreaRecord>(AREAS, id)
    if (!area) throw notFound('街道/乡镇不存在或已被删除')
    if ((area.disabled === true) === disabled) return { id, disabled }
    await ctx.store.transaction(async (tx) => {
      await tx.update(AREAS, { _id: id }, { set: { disabled } })
      await ctx.audit(tx, id, { disabled: !disabled }, { disabled })
    })
    return { id, disabled }
  },
}
