import type { Ctx } from './contract'

/**
 * What one collection holds about a person, and what 删除我的数据 does with it. Every collection a module
 * declares in `module.ts` must be declared here too (tests/integration/erasure.test.ts fails otherwise), so a new
 * collection cannot start holding personal data the deletion does not know about.
 */
export type PersonalDecl =
  /** holds nobody's personal data; the text says why (e.g. 「托管班信息，由工会填写」) */
  | { none: string }
  /** every document whose `owner` field is the caller's openid is deleted, by the generic eraser */
  | { owner: string; erase: 'delete' }
  /** the domain's own `erase` handles it (by rules: a running booking stays, a draw is anonymised…); `how` says what */
  | { owner: string; erase: 'domain'; how: string }
  /** kept on purpose: listed in the answer with reason and retention whenever the caller has any */
  | { owner: string; erase: 'keep'; what: string; reason: string; retention: string }

/** One kind of record that was kept, why (law or contract), and for how long: shown to the person as is. */
interface KeptItem {
  what: string
  reason: string
  retention: string
}

/** What the deletion did so far; each domain's eraser adds to it. */
export interface Erasure {
  /** collection → documents deleted or anonymised */
  deleted: Record<string, number>
  kept: KeptItem[]
  /** files removed from storage */
  files: number
}

export interface PersonalModule {
  collections: Record<string, PersonalDecl>
  /** runs before the generic deletes; handles the collections declared `erase: 'domain'` */
  erase?: (ctx: Ctx, out: Erasure) => Promise<void>
}

export function definePersonal(m: PersonalModule): PersonalModule {
  return m
}

export function count(out: Erasure, collection: string, n: number): void {
  if (n > 0) out.deleted[collection] = (out.deleted[collection] ?? 0) + n
}
