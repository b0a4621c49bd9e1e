import { normalizeName } from '../../../src/contracts/orgs/names'
import { areaFields } from '../../../src/contracts/orgs/schemas'
import { fieldErrors } from '../../../src/contracts/zod'
import { COUNTY_ONLY } from '../access'
import { AREAS, areaKeyId, type AreaRecord } from '../model'
import { columnOf, refused, shown, type RowPlan, type SheetPlan, type World } from './world'
import { isExample, records, type Columns, type SheetLine } from './workbook'

export const AREA_COLUMNS: Columns<'name' | 'lat' | 'lng'> = {
  name: { headers: ['名称', '街道乡镇', '街道/乡镇', '街道', '乡镇'], required: true },
  lat: { headers: ['纬度', '中心纬度'] },
  lng: { headers: ['经度', '中心经度'] },
}

function coordinate(text: string): number | string | undefined {
  if (text === '') return undefined
  return Number.isFinite(Number(text)) ? Number(text) : text
}

const centerText = (c: AreaRecord['center']) => (c ? `${c.lat},${c.lng}` : '')

/** 街道乡镇: added by name, or a known one's centre updated; names are never changed by an import. */
export function planAreas(w: World, lines: SheetLine[]): SheetPlan {
  const plan: SheetPlan = { sheet: '街道乡镇', rows: [], writeOrder: [], skipped: 0 }
  const read = records(lines, AREA_COLUMNS)
  if (!read.ok) return { ...plan, message: read.message }
  const seen = new Map<string, number>()
  for (const { line, values } of read.rows) {
    if (isExample(values.name)) {
      plan.skipped++
      continue
    }
    const row = planArea(w, line, values, seen)
    plan.rows.push(row)
    plan.writeOrder.push(row)
  }
  return plan
}

function planArea(w: World, line: number, values: Record<'name' | 'lat' | 'lng', string>, seen: Map<string, number>): RowPlan {
  const name = values.name
  if (!w.countyAdmin) return refused(line, name, [{ path: '名称', message: COUNTY_ONLY }])
  const parsed = areaFields.safeParse({ name, lat: coordinate(values.lat), lng: coordinate(values.lng) })
  if (!parsed.success)
    return refused(
      line,
      name,
      fieldErrors(parsed.error).map((e) => ({ path: columnOf(AREA_COLUMNS, e.path), message: e.message })),
    )
  const key = normalizeName(parsed.data.name)
  const dup = seen.get(key)
  if (dup) return refused(line, name, [{ path: '名称', message: `与第 ${dup} 行重复` }])
  seen.set(key, line)

  const { lat, lng } = parsed.data
  const center = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null
  const existing = w.areas.find((a) => normalizeName(a.name) === key)
  const { ctx } = w
  if (existing) {
    if (!center || centerText(existing.center) === centerText(center)) return { report: { row: line, name, status: 'unchanged' } }
    const before = existing.center ?? null
    existing.center = center
    return {
      report: { row: line, name, status: 'updated', changes: [`中心坐标：${shown(centerText(before))} → ${centerText(center)}`] },
      write: async (tx) => {
        await tx.update(AREAS, { _id: existing._id }, { set: { center } })
        await ctx.audit(tx, existing._id, { center: before }, { center })
      },
    }
  }
  const taken = new Set(w.areas.map((a) => a._id))
  const doc: AreaRecord = {
    _id: areaKeyId(parsed.data.name, (id) => taken.has(id)),
    name: parsed.data.name,
    center,
    orgId: w.county?.orgId ?? '',
    order: w.areas.reduce((max, a) => Math.max(max, a.order ?? 0), -1) + 1,
    disabled: false,
  }
  w.areas.push(doc)
  return {
    report: { row: line, name, status: 'created' },
    write: async (tx) => {
      await tx.insert(AREAS, doc)
      await ctx.audit(tx, doc._id, null, { name: doc.name, center, order: doc.order })
    },
  }
}
