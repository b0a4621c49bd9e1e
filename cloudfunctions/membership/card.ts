import { createHash } from 'node:crypto'
import QRCode from 'qrcode'
import { maskName } from '../../src/contracts/membership/idcard'
import { CODE_ALPHABET, CODE_LENGTH, isCardCode, normalizeCardCode } from '../../src/contracts/membership/cardcode'
import type { CardQr, CardVerification } from '../../src/contracts/membership/schemas'
import type { Signer } from '../_core/keys'
import { DuplicateKeyError, type Doc, type Store } from '../_core/store/port'

/** What a card's QR carries: enough to show a verifier, nothing more (masked name, no ID number). */
interface CardClaims {
  v: 1 | 2
  n: string // member number
  m: string // masked name
  o: string // union name
  j: string // join date
  /** v2: issued at, seconds since the epoch */
  t?: number
  /** v2: expires at, seconds since the epoch */
  e?: number
}

const PREFIX_V1 = 'GH1'
const PREFIX = 'GH2'
export const CARD_CODES = 'card_codes'

/**
 * How long a card's QR and 核验码 hold: 5 minutes, long enough to walk to the desk, short enough that a
 * screenshot sent to a friend is useless by the time it is shown. `CARD_QR_TTL_SEC` overrides it (the e2e run
 * uses a few seconds to see expiry happen).
 */
export function cardTtlSec(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.CARD_QR_TTL_SEC)
  return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : 300
}

/**
 * Clocks of two function instances (or of an offline verifier holding the public key) differ a little: a QR is
 * still accepted this long after it expires, and one issued up to this far "in the future" is not forged.
 */
export const CLOCK_SKEW_SEC = 5

/** v1 (static, no expiry): kept so that old tests and offline tools can still read what was issued before. */
export function cardPayload(signer: Signer, memberNo: string, name: string, orgName: string, joinDate: string): string {
  const claims: CardClaims = { v: 1, n: memberNo, m: maskName(name), o: orgName, j: joinDate }
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${PREFIX_V1}.${body}.${signer.sign(`${PREFIX_V1}.${body}`)}`
}

/** v2: the same claims plus issue and expiry times, all under the signature. */
export function timedCardPayload(
  signer: Signer,
  memberNo: string,
  name: string,
  orgName: string,
  joinDate: string,
  now: Date,
  ttlSec: number,
): string {
  const t = Math.floor(now.getTime() / 1000)
  const claims: CardClaims = { v: 2, n: memberNo, m: maskName(name), o: orgName, j: joinDate, t, e: t + ttlSec }
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${PREFIX}.${body}.${signer.sign(`${PREFIX}.${body}`)}`
}

/** The claims when the signature holds; null for anything forged, altered or malformed. */
export function readCardPayload(signer: Signer, payload: string): CardClaims | null {
  const parts = payload.trim().split('.')
  if (parts.length !== 3 || (parts[0] !== PREFIX && parts[0] !== PREFIX_V1)) return null
  if (!signer.verify(`${parts[0]}.${parts[1]}`, parts[2])) return null
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as CardClaims
    if (typeof claims.n !== 'string') return null
    if (parts[0] === PREFIX_V1) return claims.v === 1 ? claims : null
    return claims.v === 2 && Number.isInteger(claims.t) && Number.isInteger(claims.e) ? claims : null
  } catch {
    return null
  }
}

type Timing = 'valid' | 'expired' | 'invalid'

/**
 * Whether signed claims hold at `now`. A v1 payload has no expiry and is therefore a screenshot of an old card:
 * expired. An issue time beyond the skew in the future cannot come from this server's clock: invalid.
 */
export function claimsTiming(claims: CardClaims, now: Date, skewSec = CLOCK_SKEW_SEC): Timing {
  if (claims.v !== 2 || claims.t === undefined || claims.e === undefined) return 'expired'
  const s = now.getTime() / 1000
  if (claims.t > s + skewSec || claims.e < claims.t) return 'invalid'
  return s > claims.e + skewSec ? 'expired' : 'valid'
}

/**
 * The 核验码 of a payload: the first 40 bits of its SHA-256 in Crockford base32.
 *
 * Why a stored code and not a time-based one (HMAC(card key, memberNo + window)): a verifier typing 8
 * characters must be able to find the card from those alone. A time-based code would also need the member
 * number typed in (or every member's code computed per check). Derived from the signed payload and stored with
 * the same expiry under its own `_id`, the code is found with one read, expires with its QR, and guessing one
 * means hitting one of the few live codes among 2^40 — with each verifier's tries rate-limited.
 */
export function shortCode(payload: string): string {
  const bytes = createHash('sha256').update(payload).digest()
  let bits = 0n
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i])
  let out = ''
  for (let i = CODE_LENGTH - 1; i >= 0; i--) out += CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)]
  return out
}

interface CardCodeDoc extends Doc {
  memberNo: string
  /** masked name and union, as in the QR: what the verifier is shown */
  m: string
  o: string
  issuedAt: string
  expiresAt: string
}

/** Signs a fresh QR for a member, stores its 核验码, and clears the member's codes that expired over an hour ago. */
export async function issueCardQr(
  store: Store,
  signer: Signer,
  member: { memberNo: string; name: string; orgName: string; joinDate: string },
  now: Date,
  ttlSec = cardTtlSec(),
): Promise<CardQr> {
  const payload = timedCardPayload(signer, member.memberNo, member.name, member.orgName, member.joinDate, now, ttlSec)
  const claims = readCardPayload(signer, payload) as CardClaims
  const issuedAt = new Date((claims.t as number) * 1000).toISOString()
  const expiresAt = new Date((claims.e as number) * 1000).toISOString()
  let code = shortCode(payload)
  try {
    await store.insert(CARD_CODES, { _id: code, memberNo: member.memberNo, m: claims.m, o: claims.o, issuedAt, expiresAt })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    // The same member within the same second signs the same payload: the same code, already stored. A different
    // member's live code with these 40 bits is a one-in-a-trillion chance; then this QR goes without a code.
    const existing = await store.get<CardCodeDoc>(CARD_CODES, code)
    if (existing?.memberNo !== member.memberNo) code = ''
  }
  // Expired codes stay an hour so that an old one shown again reads 已过期 (the honest answer), not 无效.
  await store.remove(CARD_CODES, { memberNo: member.memberNo, expiresAt: { $lt: new Date(now.getTime() - EXPIRED_CODE_KEPT_MS).toISOString() } })
  return { payload, image: await qrImage(payload), code, issuedAt, expiresAt, ttlSec }
}

const EXPIRED_CODE_KEPT_MS = 3600_000

export type MemberState = 'member' | 'revoked' | 'transferred_out' | 'unknown'

const shown = (memberNo: string, m: string, o: string) => ({ memberNo, nameMasked: m, orgName: o })

/**
 * The verdict on a scanned payload or a typed 核验码. Order: forged or unknown first (nothing to show), then a
 * member who left (even a fresh QR of theirs says 已注销), then the time.
 */
export async function verifyCardInput(
  store: Store,
  signer: Signer,
  input: string,
  now: Date,
  memberState: (memberNo: string) => Promise<MemberState>,
): Promise<CardVerification> {
  let who: { memberNo: string; m: string; o: string }
  let timing: Timing
  if (isCardCode(input)) {
    const doc = await store.get<CardCodeDoc>(CARD_CODES, normalizeCardCode(input))
    if (!doc) return { valid: false, status: 'invalid', label: '无效：核验码不存在或早已失效，请核对后重新输入' }
    who = { memberNo: doc.memberNo, m: doc.m, o: doc.o }
    timing = now.getTime() > Date.parse(doc.expiresAt) + CLOCK_SKEW_SEC * 1000 ? 'expired' : 'valid'
  } else {
    const claims = readCardPayload(signer, input)
    if (!claims) return { valid: false, status: 'invalid', label: '无效：二维码被篡改或不是本会签发的会员卡' }
    timing = claimsTiming(claims, now)
    if (timing === 'invalid') return { valid: false, status: 'invalid', label: '无效：二维码的签发时间不正确' }
    who = { memberNo: claims.n, m: claims.m, o: claims.o }
  }
  const state = await memberState(who.memberNo)
  const info = shown(who.memberNo, who.m, who.o)
  if (state === 'transferred_out')
    return { valid: false, status: 'transferred_out', label: '已转出：该会员已转出本县工会，此卡在本县不再有效', ...info }
  if (state !== 'member') return { valid: false, status: 'revoked', label: '已注销：该会员的会籍已注销', ...info }
  if (timing === 'expired') {
    return { valid: false, status: 'expired', label: '已过期：请会员打开会员卡，出示最新的二维码或核验码', ...info }
  }
  return { valid: true, status: 'valid', label: '有效', ...info }
}

/** Rendered on the server: the mini-program then needs no QR library in its package. */
export function qrImage(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 360, color: { dark: '#1F2329', light: '#FFFFFF' } })
}
