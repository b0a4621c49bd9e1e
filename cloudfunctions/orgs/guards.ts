import { normalizeName } from '../../src/contracts/orgs/names'
import { conflict, invalid } from '../_core/errors'
import type { Store } from '../_core/store/port'
import { ORG_NAMES, ORGS, orgNameKey, type OrgNameRecord, type OrgRecord } from './model'

/*
 * The tree's two invariants, checked inside the transaction that writes, because on CloudBase a check made
 * before it (or after it) races: transactions read a snapshot, and two that write different documents both
 * commit.
 *
 * No cycle: a move reads the new parent's chain up to the root and writes (touches) every org on it. A
 * transaction then writes everything it read, so of two moves that could close a loop together (A under B
 * while B goes under A) each writes an org the other read: the later is aborted as a write conflict, reruns
 * on a fresh snapshot and sees the loop. Nothing is ever written that a later step has to undo, so a crash
 * at any point leaves a tree.
 *
 * Unique names: each org name in use has a document keyed by the normalized name (as employers have); a
 * create or rename inserts it in the same transaction, so two orgs cannot both take one name. Orgs stored
 * before these keys existed hold their names without one; their names are seen by the check on the whole
 * tree that runs first, and any change of name gives them a key.
 */

/** Deeper than any union tree: a chain this long is a loop that the walk cut short. */
const MAX_DEPTH = 64

/**
 * Inside a transaction: why `id` may not hang under `parentId` as the tree is now (a loop, or a parent that is
 * not on the tree), or null. Every org on the parent's chain is touched so that a concurrent move that would
 * close a loop with this one conflicts with it.
 */
async function checkParentInTx(tx: Store, id: string, parentId: string): Promise<string | null> {
  const seen = new Set<string>()
  let current: string | null = parentId
  while (current) {
    if (current === id) return '组织树刚被他人调整，这次移动会形成循环，请刷新后再试'
    if (seen.has(current) || seen.size >= MAX_DEPTH) return '新的上级组织不在组织树上，请先修复它'
    seen.add(current)
    const org: OrgRecord | null = await tx.get<OrgRecord>(ORGS, current)
    if (!org) return '新的上级组织不存在或已被删除，请刷新后再试'
    await tx.update(ORGS, { _id: current }, { inc: { treeRev: 1 } })
    current = org.parentId ?? null
  }
  return null
}

/** Inside a transaction: moves `id` under `parentId`, or throws when that would leave the tree. */
export async function moveInTx(tx: Store, id: string, parentId: string, set: Record<string, unknown>): Promise<void> {
  const refusal = await checkParentInTx(tx, id, parentId)
  if (refusal) throw conflict(refusal)
  await tx.update(ORGS, { _id: id }, { set: { ...set, parentId } })
}

function nameTaken(name: string) {
  const message = `已有同名组织「${name}」，组织名称不能重复`
  return invalid([{ path: 'name', message }], `已有同名组织「${name}」`)
}

/** Inside a transaction: takes `name` for `orgId`, or throws when another org holds it. */
export async function claimNameInTx(tx: Store, orgId: string, name: string): Promise<void> {
  const key = orgNameKey(name)
  const held = await tx.get<OrgNameRecord>(ORG_NAMES, key)
  if (held?.orgId === orgId) return
  if (held) throw nameTaken(held.name)
  await tx.insert(ORG_NAMES, { _id: key, orgId, name })
}

/** Inside a transaction: gives up `name` when `orgId` holds its key (an org stored before keys holds none). */
async function releaseNameInTx(tx: Store, orgId: string, name: string): Promise<void> {
  await tx.remove(ORG_NAMES, { _id: orgNameKey(name), orgId })
}

/** Inside a transaction: renames `org` (as read in this transaction), moving its name key along. */
export async function renameInTx(tx: Store, org: OrgRecord, name: string): Promise<void> {
  if (normalizeName(org.name) === normalizeName(name)) return
  await claimNameInTx(tx, org._id, name)
  await releaseNameInTx(tx, org._id, org.name)
}
