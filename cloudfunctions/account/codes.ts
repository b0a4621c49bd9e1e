import { createHash, randomInt } from 'node:crypto'
import { ACTIVATION_CODE_LENGTH, CODE_ALPHABET, normalizeCode } from '../../src/contracts/account/schemas'
import type { OrgDoc } from '../_core/auth'
import { countySettings } from '../_core/county'
import { DuplicateKeyError, type Doc, type Store } from '../_core/store/port'

export const ACTIVATION_CODES = 'activation_codes'
export const INVITES = 'invites'
const ACTIVATION_TTL_MS = 7 * 24 * 3600 * 1000
export const INVITE_TTL_MS = 72 * 3600 * 1000

/** A code from the unambiguous alphabet, drawn with the OS's CSPRNG. */
export function newCode(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return out
}

/**
 * Codes are never stored: the document's `_id` is SHA-256 of the code, so the database (a backup, an export,
 * the console) shows nothing anyone could type, and looking a code up is a `get` by id.
 */
export function codeId(kind: 'activation' | 'invite', code: string): string {
  return createHash('sha256')
    .update(`gonghui/${kind}/${normalizeCode(code)}`)
    .digest('hex')
}

export interface ActivationDoc extends Doc {
  orgId: string
  createdAt: string
  expiresAt: string
  usedBy: string | null
  usedAt: string | null
}

/** The county federation the first admin governs: the root org the county's settings name, none until set up. */
export async function countyOrg(store: Store): Promise<OrgDoc | null> {
  const county = await countySettings(store)
  return county ? store.get<OrgDoc>('orgs', county.orgId) : null
}

/** Writes a fresh one-time 激活码 for `orgId` and returns it in clear: the only time it exists in clear. */
export async function createActivationCode(
  store: Store,
  orgId: string,
  now: Date,
  ttlMs = ACTIVATION_TTL_MS,
): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + ttlMs)
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode(ACTIVATION_CODE_LENGTH)
    try {
      await store.insert(ACTIVATION_CODES, {
        _id: codeId('activation', code),
        orgId,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        usedBy: null,
        usedAt: null,
      })
      return { code, expiresAt }
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
    }
  }
  throw new Error('could not draw an unused activation code')
}

/** 「ABCD-EFGH」: easier to read aloud; the form accepts it with or without the dash. */
export function formatCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}
