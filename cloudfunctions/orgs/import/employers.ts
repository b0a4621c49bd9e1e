import { normalizeName, splitNames } from '../../../src/contracts/orgs/names'
import { employerName } from '../../../src/contracts/orgs/schemas'
import type { FieldError } from '../../../src/contracts/result'
import { newId } from '../../_core/ids'
import type { Store } from '../../_core/store/port'
import { employerDocId } from '../../membership/routing'
import { governs } from '../access'
import { groupIdOf, groupView, planChanges, planGroup, repeatedName, writeGroup, type GroupView } from '../employer-groups'
import { EMPLOYERS, type EmployerRecord } from '../model'
import { refused, type RowPlan, type SheetPlan, type World } from './world'
import { isExample, records, type Columns, type SheetLine } from './workbook'

type Field = 'name' | 'aliases' | 'org'

export const EMPLOYER_COLUMNS: Columns<Field> = {
  name: { headers: ['单位名称', '名称', '用人单位'], required: true },
  aliases: { headers: ['别名', '其他名称', '简称'] },
  org: { headers: ['所属工会', '分派到', '工会'], required: true },
}

/** `$in` lists are kept short: both stores take them, CloudBase reads them best in small batches. */
async function findIn(store: Store, field: string, values: string[]): Promise<EmployerRecord[]> {
  const out: EmployerRecord[] = []
  for (let i = 0; i < values.length; i += 100) {
    out.push(...(await store.find<EmployerRecord>(EMPLOYERS, { where: { [field]: { $in: values.slice(i, i + 100) } }, limit: 1000 })))
  }
  return out
}

/**
 * 用人单位: each row one employer, its aliases and its union. A row whose names are already routing keys updates
 * that employer: it is re-pointed to the row's union and gains the aliases it lacks (an import never removes a
 * name; the 用人单位 page does). Importing the same sheet again changes nothing.
 */
export async function planEmployers(w: World, lines: SheetLine[]): Promise<SheetPlan> {
  const plan: SheetPlan = { sheet: '用人单位', rows: [], writeOrder: [], skipped: 0 }
  const read = records(lines, EMPLOYER_COLUMNS)
  if (!read.ok) return { ...plan, message: read.message }
  const rows = read.rows.filter((r) => {
    if (!isExample(r.values.name)) return true
    plan.skipped++
    return false
  })
  // Every routing key the sheet names, and the whole of every employer they belong to, read in a few queries.
  const names = rows.flatMap((r) => [r.values.name, ...splitNames(r.values.aliases)]).filter(Boolean)
  const keyDocs = new Map((await findIn(w.ctx.store, '_id', [...new Set(names.map(employerDocId))])).map((d) => [d._id, d]))
  const groups = new Map<string, EmployerRecord[]>()
  for (const d of keyDocs.values()) if (!d.employerId) groups.set(d._id, [d])
  const gids = [...new Set([...keyDocs.values()].filter((d) => d.employerId).map(groupIdOf))]
  for (const d of await findIn(w.ctx.store, 'employerId', gids))
    groups.set(d.employerId as string, [...(groups.get(d.employerId as string) ?? []), d])

  const claimed = new Map<string, number>()
  for (const { line, values } of rows) {
    const row = planEmployerRow(w, line, values, { keyDocs, groups, claimed })
    plan.rows.push(row)
    plan.writeOrder.push(row)
  }
  return plan
}

interface Known {
  keyDocs: Map<string, EmployerRecord>
  groups: Map<string, EmployerRecord[]>
  /** routing key → the sheet row that names it */
  claimed: Map<string, number>
}

function planEmployerRow(w: World, line: number, values: Record<Field, string>, known: Known): RowPlan {
  const errors: FieldError[] = []
  const name = employerName.safeParse(values.name)
  if (!name.success) errors.push({ path: '单位名称', message: name.error.issues[0].message })
  const aliases: string[] = []
  for (const a of splitNames(values.aliases)) {
    const parsed = employerName.safeParse(a)
    if (parsed.success) aliases.push(parsed.data)
    else errors.push({ path: '别名', message: `别名「${a}」：${parsed.error.issues[0].message.replace('单位名称', '别名')}` })
  }
  const org = values.org ? w.orgs.withName(values.org) : undefined
  if (!values.org) errors.push({ path: '所属工会', message: '请填写所属工会' })
  else if (!org) errors.push({ path: '所属工会', message: `没有名为「${values.org}」的工会（须已在组织树中，或在工作表「组织」中列出）` })
  else if (!governs(w.orgs, w.roots, org._id)) errors.push({ path: '所属工会', message: `「${org.name}」不在您管理的范围内` })
  else if (org.disabled) errors.push({ path: '所属工会', message: `「${org.name}」已停用，不能接收入会申请` })
  if (errors.length || !name.success || !org) return refused(line, values.name, errors)

  const rowWant: GroupView = { name: name.data, aliases, orgId: org._id }
  const twice = repeatedName(rowWant)
  if (twice) return refused(line, values.name, [{ path: '别名', message: `「${twice}」在本行写了两次` }])
  const all = [rowWant.name, ...aliases]
  for (const n of all) {
    const dup = known.claimed.get(employerDocId(n))
    if (dup) return refused(line, values.name, [{ path: n === rowWant.name ? '单位名称' : '别名', message: `「${n}」与第 ${dup} 行重复` }])
  }
  const gids = [...new Set(all.map((n) => known.keyDocs.get(employerDocId(n))).flatMap((d) => (d ? [groupIdOf(d)] : [])))]
  if (gids.length > 1) {
    const owners = gids.map((g) => groupView(known.groups.get(g) ?? [])?.name ?? '')
    return refused(line, values.name, [
      { path: '别名', message: `这些名称已分属不同的用人单位（${owners.join('、')}），请在「用人单位」页面调整后再导入` },
    ])
  }

  let gid: string
  let current: EmployerRecord[]
  let want: GroupView
  if (gids.length) {
    gid = gids[0]
    current = known.groups.get(gid) ?? []
    const view = groupView(current) as GroupView
    if (!governs(w.orgs, w.roots, view.orgId)) {
      return refused(line, values.name, [{ path: '单位名称', message: `「${view.name}」属于您管理范围以外的工会` }])
    }
    const have = new Set([view.name, ...view.aliases].map(normalizeName))
    want = { name: view.name, aliases: [...view.aliases, ...all.filter((n) => !have.has(normalizeName(n)))], orgId: org._id }
  } else {
    gid = `eg_${newId()}`
    current = []
    want = rowWant
  }
  const p = planGroup(gid, current, want, w.at, w.ctx.caller.openid)
  for (const n of all) known.claimed.set(employerDocId(n), line)
  for (const d of [...p.inserts, ...p.puts]) known.keyDocs.set(d._id, d)
  known.groups.set(gid, [...current.filter((d) => !p.removes.includes(d._id) && !p.puts.some((x) => x._id === d._id)), ...p.puts, ...p.inserts])

  if (!current.length) return { report: { row: line, name: values.name, status: 'created' }, write: (tx) => writeGroup(w.ctx, tx, p) }
  if (!planChanges(p)) return { report: { row: line, name: values.name, status: 'unchanged' } }
  const changes: string[] = []
  const before = groupView(current) as GroupView
  if (before.orgId !== want.orgId) changes.push(`所属工会：${w.orgs.get(before.orgId)?.name ?? '—'} → ${org.name}`)
  const added = want.aliases.filter((a) => !before.aliases.includes(a))
  if (added.length) changes.push(`新增别名：${added.join('、')}`)
  return { report: { row: line, name: values.name, status: 'updated', changes }, write: (tx) => writeGroup(w.ctx, tx, p) }
}
