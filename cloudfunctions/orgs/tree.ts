import { normalizeName } from '../../src/contracts/orgs/names'
import type { OrgNode } from '../../src/contracts/orgs/schemas'
import { findAll } from '../_core/paging'
import type { Store } from '../_core/store/port'
import { ORGS, orgKeyId, toNode, type OrgRecord } from './model'

/**
 * The org tree in memory. The import plans on it (a row may name a parent created three rows up), and the
 * workbench actions check the same rules on it, so a rule holds the same way in both.
 */
export class OrgIndex {
  readonly byId: Map<string, OrgRecord>

  constructor(docs: OrgRecord[]) {
    this.byId = new Map(docs.map((o) => [o._id, o]))
  }

  static async load(store: Store): Promise<OrgIndex> {
    // A county's tree holds hundreds of orgs, perhaps a few thousand: read whole in pages, reasoned about in memory.
    return new OrgIndex(await findAll<OrgRecord>(store, ORGS))
  }

  get(id: string): OrgRecord | undefined {
    return this.byId.get(id)
  }

  /** Adds or replaces an org (the import's plan of what the tree will be). */
  set(doc: OrgRecord): void {
    this.byId.set(doc._id, doc)
  }

  /** The org and its ancestors, nearest first; stops on a loop rather than spinning. */
  chain(id: string): string[] {
    const out: string[] = []
    let current: string | null = id
    while (current && !out.includes(current) && out.length < 64) {
      out.push(current)
      current = this.byId.get(current)?.parentId ?? null
    }
    return out
  }

  /** The org's chain of parents ends at a root (an org with no parent): it is on the tree. */
  onTree(id: string): boolean {
    const chain = this.chain(id)
    const top = this.byId.get(chain[chain.length - 1])
    return !!top && !top.parentId
  }

  /** Orgs off the tree, by name: no chain of parents leads to them from a root. */
  detached(): OrgRecord[] {
    return [...this.byId.values()].filter((o) => !this.onTree(o._id)).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
  }

  /** `id` is `ancestor` or lies below it. */
  isWithin(id: string, ancestor: string): boolean {
    return this.chain(id).includes(ancestor)
  }

  withName(name: string, exceptId?: string): OrgRecord | undefined {
    const key = normalizeName(name)
    for (const o of this.byId.values()) if (o._id !== exceptId && normalizeName(o.name) === key) return o
    return undefined
  }

  newId(name: string): string {
    return orgKeyId(name, (id) => this.byId.has(id))
  }

  /** The trees under `roots`, parents first, children by name; depth counts from the root each hangs under. */
  flatten(roots: string[]): OrgNode[] {
    const children = new Map<string, OrgRecord[]>()
    for (const o of this.byId.values()) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
    for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
    const out: OrgNode[] = []
    const seen = new Set<string>()
    const walk = (o: OrgRecord, depth: number) => {
      if (seen.has(o._id)) return
      seen.add(o._id)
      out.push(toNode(o, depth, roots.includes(o._id)))
      for (const c of children.get(o._id) ?? []) walk(c, depth + 1)
    }
    // A root that lies inside another root's tree is listed there, once.
    for (const r of roots) {
      const o = this.byId.get(r)
      if (o && !roots.some((other) => other !== r && this.isWithin(r, other))) walk(o, 0)
    }
    return out
  }
}

/** Why `id` may not go under `parentId`, or null when it may. */
export function moveRefusal(index: OrgIndex, id: string, parentId: string): string | null {
  const org = index.get(id)
  const parent = index.get(parentId)
  if (!org) return '组织不存在'
  if (!parent) return '新的上级组织不存在'
  if (!org.parentId) return `「${org.name}」是组织树的根，不能移动`
  if (parentId === id) return `不能把「${org.name}」移到它自己之下`
  if (index.isWithin(parentId, id)) return `「${parent.name}」是「${org.name}」的下级组织，不能把「${org.name}」移到它之下`
  return null
}

/** Why an org under `parentId` (null: the root) may not be of `kind`, or null. */
export function kindRefusal(parentId: string | null, kind: string): string | null {
  if (parentId === null && kind !== 'county') return '县总工会的类型只能是「总工会」'
  if (parentId !== null && kind === 'county') return '只有县总工会是「总工会」，下级组织请选基层工会、联合工会或行业工会'
  return null
}
