import { normalizeName } from '../../src/contracts/orgs/names'
import type { Ctx } from '../_core/contract'
import type { Store } from '../_core/store/port'
import { employerDocId } from '../membership/routing'
import { EMPLOYERS, type EmployerRecord } from './model'

/**
 * An employer is the group of routing keys that share `employerId`: its own name and its aliases. Changing it
 * means removing the keys of names it no longer has and writing one for each name it has, all in one transaction.
 */

export function groupIdOf(d: EmployerRecord): string {
  return d.employerId ?? d._id
}

export async function loadGroup(store: Store, gid: string): Promise<EmployerRecord[]> {
  const docs = await store.find<EmployerRecord>(EMPLOYERS, { where: { employerId: gid }, limit: 100 })
  if (!docs.some((d) => d._id === gid)) {
    const self = await store.get<EmployerRecord>(EMPLOYERS, gid)
    if (self && !self.employerId) docs.push(self)
  }
  return docs
}

export interface GroupView {
  name: string
  aliases: string[]
  orgId: string
}

export function groupView(docs: EmployerRecord[]): GroupView | null {
  const primary = docs.find((d) => !d.alias) ?? docs[0]
  if (!primary) return null
  const aliases = docs.filter((d) => d !== primary).map((d) => d.name)
  return { name: primary.name, aliases: aliases.sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')), orgId: primary.orgId }
}

interface GroupPlan {
  gid: string
  removes: string[]
  inserts: EmployerRecord[]
  puts: EmployerRecord[]
  before: GroupView | null
  after: GroupView
}

/** The writes that make employer `gid` (now `current`) hold exactly `want`; nothing is read or written here. */
export function planGroup(gid: string, current: EmployerRecord[], want: GroupView, at: string, by: string): GroupPlan {
  const names = [want.name, ...want.aliases]
  const keys = new Map(names.map((n, i) => [employerDocId(n), { name: n, alias: i > 0 }]))
  const have = new Map(current.map((d) => [d._id, d]))
  const doc = (id: string, name: string, alias: boolean): EmployerRecord => ({
    _id: id,
    name,
    orgId: want.orgId,
    employerId: gid,
    ...(alias ? { alias: true } : {}),
    updatedAt: at,
    updatedBy: by,
  })
  const puts: EmployerRecord[] = []
  const inserts: EmployerRecord[] = []
  for (const [id, { name, alias }] of keys) {
    const old = have.get(id)
    if (!old) inserts.push(doc(id, name, alias))
    else if (old.name !== name || old.orgId !== want.orgId || !!old.alias !== alias || old.employerId !== gid) puts.push(doc(id, name, alias))
  }
  return { gid, removes: current.filter((d) => !keys.has(d._id)).map((d) => d._id), inserts, puts, before: groupView(current), after: want }
}

export function planChanges(p: GroupPlan): number {
  return p.removes.length + p.inserts.length + p.puts.length
}

/** Keys this plan would create that another employer already holds. */
export async function takenKeys(store: Store, p: GroupPlan): Promise<EmployerRecord[]> {
  if (!p.inserts.length) return []
  const found = await store.find<EmployerRecord>(EMPLOYERS, { where: { _id: { $in: p.inserts.map((d) => d._id) } }, limit: 100 })
  return found.filter((d) => groupIdOf(d) !== p.gid)
}

/** Inside a transaction: the plan's writes and the audit record of the change. */
export async function writeGroup(ctx: Ctx, tx: Store, p: GroupPlan): Promise<void> {
  for (const id of p.removes) await tx.remove(EMPLOYERS, { _id: id })
  for (const d of p.inserts) await tx.insert(EMPLOYERS, d)
  for (const d of p.puts) await tx.put(EMPLOYERS, d)
  await ctx.audit(tx, p.gid, p.before, p.after)
}

/** Names of `want` that are the same name twice (the form checks too; the import needs it per row). */
export function repeatedName(want: GroupView): string | null {
  const seen = new Set<string>()
  for (const n of [want.name, ...want.aliases]) {
    if (seen.has(normalizeName(n))) return n
    seen.add(normalizeName(n))
  }
  return null
}
