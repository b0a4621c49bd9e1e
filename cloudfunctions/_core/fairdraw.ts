import { createHash, createHmac, randomBytes } from 'node:crypto'

/**
 * Verifiable draws, shared by the quiz lottery and the childcare ballot. The server commits to a secret seed
 * by publishing its SHA-256 before anyone takes part, derives every outcome from HMAC(seed, id), and reveals
 * the seed afterwards: anyone can then recompute each outcome, and nobody (staff included) could steer one
 * without changing the published hash. The README documents the exact recipe.
 */

/** 32 random bytes as 64 lowercase hex characters. */
export function newSeed(): string {
  return randomBytes(32).toString('hex')
}

/** The commitment: SHA-256 of the seed's hex text (not of the raw bytes), as hex. */
export function seedHash(seed: string): string {
  return createHash('sha256').update(seed, 'utf8').digest('hex')
}

/** HMAC-SHA256 with the seed's hex text as key and the id as message. */
function drawDigest(seed: string, id: string): Buffer {
  return createHmac('sha256', Buffer.from(seed, 'utf8')).update(id, 'utf8').digest()
}

/** The first 8 bytes of the digest as a big-endian unsigned integer, modulo `modulo`. */
export function drawValue(seed: string, id: string, modulo = 10_000): number {
  return Number(drawDigest(seed, id).readBigUInt64BE(0) % BigInt(modulo))
}

/**
 * Which entry a value falls on when each entry covers `weight` consecutive values from 0, in listed order;
 * -1 past them all (谢谢参与).
 */
export function pickByWeight(value: number, entries: ReadonlyArray<{ weight: number }>): number {
  let edge = 0
  for (const [i, e] of entries.entries()) {
    edge += e.weight
    if (value < edge) return i
  }
  return -1
}

/**
 * A ballot's order: applicants sorted by their digest (as hex, ascending), ties impossible in practice and
 * broken by id. Recomputable by anyone holding the revealed seed and the list of ids.
 */
export function ballotOrder<T extends { id: string }>(seed: string, entries: readonly T[]): T[] {
  const keyed = entries.map((e) => ({ e, k: drawDigest(seed, e.id).toString('hex') }))
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.e.id < b.e.id ? -1 : 1))
  return keyed.map((x) => x.e)
}

/**
 * The public number of a ballot application: the first 16 hex characters of SHA-256(applicationId). The ballot
 * ranks these (HMAC(seed, ticket)), so the published list of tickets is all anyone needs to recompute the order,
 * and it shows no internal id (an application's id names a child's record).
 */
export function ballotTicket(applicationId: string): string {
  return createHash('sha256').update(applicationId, 'utf8').digest('hex').slice(0, 16)
}
