import { INDUSTRIES, orgKindLabel, takesIndustries, type Industry, type OrgKind } from '../../../src/contracts/orgs/labels'
import { normalizeName, splitNames } from '../../../src/contracts/orgs/names'
import { orgName, orgPhone } from '../../../src/contracts/orgs/schemas'
import type { FieldError } from '../../../src/contracts/result'
import { conflict } from '../../_core/errors'
import { governs } from '../access'
import { claimNameInTx, moveInTx } from '../guards'
import { ORGS, orgAuditView, type OrgRecord } from '../model'
import { kindRefusal, moveRefusal } from '../tree'
import { refused, shown, type RowPlan, type SheetPlan, type World } from './world'
import { isExample, records, type Columns, type SheetLine, type SheetRecord } from './workbook'

type Field = 'name' | 'parent' | 'kind' | 'phone' | 'regions' | 'industries'

export const ORG_COLUMNS: Columns<Field> = {
  name: { headers: ['名称', '组织名称', '工会名称'], required: true },
  parent: { headers: ['上级组织', '上级工会', '上级'] },
  kind: { headers: ['类型', '组织类型'] },
  phone: { headers: ['电话', '联系电话'] },
  regions: { headers: ['服务街道', '服务街道乡镇', '所在街道', '街道'] },
  industries: { headers: ['行业', '服务行业'] },
}

const KIND_WORDS: Record<string, OrgKind> = {
  总工会: 'county',
  基层工会: 'enterprise',
  企业工会: 'enterprise',
  单位工会: 'enterprise',
  联合工会: 'joint',
  行业工会: 'industry',
}

const INDUSTRY_WORDS: Record<string, Industry> = Object.fromEntries([
  ...INDUSTRIES.map((i) => [i.label, i.key]),
  ['快递', 'courier'],
  ['外卖', 'delivery'],
  ['网约车', 'ridehail'],
  ['货车', 'truck'],
  ['其他', 'other'],
])

/** What one row asks for; a blank cell leaves an existing org's value as it is. */
interface Wanted {
  name: string
  kind?: OrgKind
  phone?: string
  regions?: string[]
  industries?: Industry[]
}

function readCells(w: World, v: Record<Field, string>): { ok: true; want: Wanted } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const want: Wanted = { name: v.name }
  const name = orgName.safeParse(v.name)
  if (name.success) want.name = name.data
  else errors.push({ path: '名称', message: name.error.issues[0].message })
  if (v.kind) {
    want.kind = KIND_WORDS[v.kind.replace(/\s+/g, '')]
    if (!want.kind) errors.push({ path: '类型', message: `类型「${v.kind}」不认识：应为 基层工会、联合工会、行业工会（县总工会为 总工会）` })
  }
  if (v.phone) {
    const phone = orgPhone.safeParse(v.phone)
    if (phone.success) want.phone = phone.data
    else errors.push({ path: '电话', message: phone.error.issues[0].message })
  }
  if (v.regions) {
    want.regions = []
    for (const n of splitNames(v.regions)) {
      const area = w.areas.find((a) => normalizeName(a.name) === normalizeName(n))
      if (area) want.regions.push(area._id)
      else errors.push({ path: '服务街道', message: `没有名为「${n}」的街道/乡镇（可在工作表「街道乡镇」中一并添加）` })
    }
    want.regions = [...new Set(want.regions)]
  }
  if (v.industries) {
    const all = v.industries.replace(/\s+/g, '') === '全部'
    want.industries = all ? INDUSTRIES.map((i) => i.key) : []
    for (const n of all ? [] : splitNames(v.industries)) {
      const key = INDUSTRY_WORDS[n]
      if (key) want.industries.push(key)
      else errors.push({ path: '行业', message: `行业「${n}」不认识：可填 ${INDUSTRIES.map((i) => i.label).join('、')}，或「全部」` })
    }
    want.industries = [...new Set(want.industries)]
  }
  return errors.length ? { ok: false, errors } : { ok: true, want }
}

const regionNames = (w: World, ids: string[]) => ids.map((id) => w.areas.find((a) => a._id === id)?.name ?? id)
const industryNames = (keys: string[]) => keys.map((k) => INDUSTRIES.find((i) => i.key === k)?.label ?? k)

/**
 * 组织: each row an org, found by its name (names are unique in the county); a new one gets an id from its name,
 * so importing the same sheet again finds the same orgs and changes nothing. A row may name as 上级组织 an org
 * listed further down: rows are planned parents first.
 */
export function planOrgs(w: World, lines: SheetLine[]): SheetPlan {
  const plan: SheetPlan = { sheet: '组织', rows: [], writeOrder: [], skipped: 0 }
  const read = records(lines, ORG_COLUMNS)
  if (!read.ok) return { ...plan, message: read.message }
  const rows = read.rows.filter((r) => {
    if (!isExample(r.values.name)) return true
    plan.skipped++
    return false
  })
  const firstRow = new Map<string, number>()
  rows.forEach((r, i) => {
    const key = normalizeName(r.values.name)
    if (key && !firstRow.has(key)) firstRow.set(key, i)
  })
  const out: RowPlan[] = new Array(rows.length)
  const state: Array<'visiting' | 'done' | undefined> = new Array(rows.length)
  const visit = (i: number) => {
    if (state[i]) return
    state[i] = 'visiting'
    const parent = rows[i].values.parent
    const j = parent ? firstRow.get(normalizeName(parent)) : undefined
    if (j !== undefined && j !== i && state[j] === 'visiting') {
      out[i] = refused(rows[i].line, rows[i].values.name, [{ path: '上级组织', message: `上级组织「${parent}」又以本行为上级，形成循环` }])
    } else {
      if (j !== undefined && j !== i) visit(j)
      out[i] = planOrgRow(w, rows[i], firstRow.get(normalizeName(rows[i].values.name)), rows)
    }
    state[i] = 'done'
    plan.writeOrder.push(out[i])
  }
  rows.forEach((_, i) => visit(i))
  plan.rows = out
  return plan
}

function planOrgRow(w: World, r: SheetRecord<Field>, first: number | undefined, rows: SheetRecord<Field>[]): RowPlan {
  const { line, values } = r
  if (first !== undefined && rows[first] !== r) return refused(line, values.name, [{ path: '名称', message: `与第 ${rows[first].line} 行重复` }])
  const cells = readCells(w, values)
  if (!cells.ok) return refused(line, values.name, cells.errors)
  const { want } = cells
  const existing = w.orgs.withName(want.name)
  if (existing && !governs(w.orgs, w.roots, existing._id)) {
    return refused(line, values.name, [{ path: '名称', message: `「${existing.name}」不在您管理的范围内（只能管理您所在工会及其下级组织）` }])
  }

  let parentId: string | null
  if (existing && !existing.parentId) {
    if (values.parent) return refused(line, values.name, [{ path: '上级组织', message: '县总工会没有上级组织，此列请留空' }])
    parentId = null
  } else if (values.parent) {
    const parent = w.orgs.withName(values.parent)
    if (!parent)
      return refused(line, values.name, [{ path: '上级组织', message: `上级组织「${values.parent}」不存在（须已在组织树中，或在本表中列出）` }])
    parentId = parent._id
  } else {
    parentId = existing ? (existing.parentId ?? null) : w.home
  }
  if (parentId === null && !existing) return refused(line, values.name, [{ path: '上级组织', message: '请填写上级组织' }])
  if (parentId && !governs(w.orgs, w.roots, parentId)) {
    return refused(line, values.name, [{ path: '上级组织', message: '只能放在您所在工会及其下级组织之下' }])
  }

  const kind = want.kind ?? existing?.kind ?? 'enterprise'
  const kindError = kindRefusal(parentId, kind)
  if (kindError) return refused(line, values.name, [{ path: '类型', message: kindError }])
  if (want.industries?.length && !takesIndustries(kind)) {
    return refused(line, values.name, [
      { path: '行业', message: '只有联合工会、行业工会按行业接收入会申请：请清空此列或把类型改为联合工会/行业工会' },
    ])
  }
  const next = {
    name: existing?.name ?? want.name,
    parentId,
    kind,
    phone: want.phone ?? existing?.phone ?? '',
    regions: want.regions ?? existing?.regions ?? [],
    industries: takesIndustries(kind) ? (want.industries ?? existing?.industries ?? []) : [],
  }
  const { ctx } = w
  const by = { updatedAt: w.at, updatedBy: ctx.caller.openid }

  if (!existing) {
    const doc: OrgRecord = { _id: w.orgs.newId(want.name), ...next, disabled: false, createdAt: w.at, ...by }
    w.orgs.set(doc)
    return {
      report: { row: line, name: values.name, status: 'created' },
      write: async (tx) => {
        await claimNameInTx(tx, doc._id, doc.name)
        await tx.insert(ORGS, doc)
        await ctx.audit(tx, doc._id, null, orgAuditView(doc))
      },
    }
  }

  if (parentId && parentId !== existing.parentId) {
    const refusal = moveRefusal(w.orgs, existing._id, parentId)
    if (refusal) return refused(line, values.name, [{ path: '上级组织', message: refusal }])
  }
  const changes: string[] = []
  const set: Record<string, unknown> = {}
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  if (parentId !== (existing.parentId ?? null)) {
    changes.push(`上级组织：${shown(w.orgs.get(existing.parentId ?? '')?.name)} → ${shown(w.orgs.get(parentId ?? '')?.name)}`)
    set.parentId = parentId
  }
  if (kind !== existing.kind) {
    changes.push(`类型：${orgKindLabel(existing.kind)} → ${orgKindLabel(kind)}`)
    set.kind = kind
  }
  if (next.phone !== (existing.phone ?? '')) {
    changes.push(`电话：${shown(existing.phone)} → ${shown(next.phone)}`)
    set.phone = next.phone
  }
  if (!same([...next.regions].sort(), [...(existing.regions ?? [])].sort())) {
    changes.push(`服务街道：${shown(regionNames(w, existing.regions ?? []))} → ${shown(regionNames(w, next.regions))}`)
    set.regions = next.regions
  }
  if (!same([...next.industries].sort(), [...(existing.industries ?? [])].sort())) {
    changes.push(`行业：${shown(industryNames(existing.industries ?? []))} → ${shown(industryNames(next.industries))}`)
    set.industries = next.industries
  }
  if (!changes.length) return { report: { row: line, name: values.name, status: 'unchanged' } }
  const updated: OrgRecord = { ...existing, ...set, ...by }
  w.orgs.set(updated)
  return {
    report: { row: line, name: values.name, status: 'updated', changes },
    write: async (tx) => {
      if (set.parentId) {
        // As moveOrg does: the new parent's chain is checked (and touched) inside this transaction.
        const current = await tx.get<OrgRecord>(ORGS, existing._id)
        if (!current || current.parentId !== existing.parentId) throw conflict('该组织刚被他人移动')
        await moveInTx(tx, existing._id, set.parentId as string, { ...set, ...by })
      } else await tx.update(ORGS, { _id: existing._id }, { set: { ...set, ...by } })
      await ctx.audit(tx, existing._id, orgAuditView(existing), orgAuditView(updated))
    },
  }
}
