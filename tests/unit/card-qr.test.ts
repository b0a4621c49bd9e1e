import { generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import {
  CLOCK_SKEW_SEC,
  cardPayload,
  cardTtlSec,
  claimsTiming,
  issueCardQr,
  readCardPayload,
  shortCode,
  timedCardPayload,
  verifyCardInput,
  type MemberState,
} from '../../cloudfunctions/membership/card'
import { formatCardCode, formatCountdown, isCardCode, normalizeCardCode } from '../../src/contracts/membership/cardcode'
import { verifyCardInput as verifyCardSchema } from '../../src/contracts/membership/schemas'

const keys = keysFromMaterial(generateKeyMaterial())
const T0 = new Date('2026-11-23T10:00:00+08:00')
const at = (sec: number) => new Date(T0.getTime() + sec * 1000)
const member = { memberNo: '3714812026000001', name: '王建国', orgName: '泰山体育产业集团有限公司工会', joinDate: '2026-11-23' }

describe('timed card payload', () => {
  const p = timedCardPayload(keys.card, member.memberNo, member.name, member.orgName, member.joinDate, T0, 300)

  test('carries issue and expiry times under the signature, and a masked name only', () => {
    const claims = readCardPayload(keys.card, p)
    expect(claims).toMatchObject({ v: 2, n: member.memberNo, m: '王**', t: T0.getTime() / 1000, e: T0.getTime() / 1000 + 300 })
    expect(p).not.toContain('王建国')
  })

  test('valid until expiry plus the allowed clock skew, then expired', () => {
    const claims = readCardPayload(keys.card, p)!
    expect(claimsTiming(claims, at(0))).toBe('valid')
    expect(claimsTiming(claims, at(299))).toBe('valid')
    expect(claimsTiming(claims, at(300 + CLOCK_SKEW_SEC))).toBe('valid')
    expect(claimsTiming(claims, at(301 + CLOCK_SKEW_SEC))).toBe('expired')
    expect(claimsTiming(claims, at(86400))).toBe('expired')
  })

  test('a verifier whose clock runs a little behind still accepts; a QR from far in the future is refused', () => {
    const claims = readCardPayload(keys.card, p)!
    expect(claimsTiming(claims, at(-CLOCK_SKEW_SEC))).toBe('valid')
    expect(claimsTiming(claims, at(-CLOCK_SKEW_SEC - 1))).toBe('invalid')
  })

  test('moving the expiry, the member number or the version breaks the signature', () => {
    const [pre, body, sig] = p.split('.')
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString())
    for (const change of [{ e: claims.e + 86400 }, { t: claims.t + 3600, e: claims.e + 3600 }, { n: '3714812026000002' }, { v: 1 }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')
      expect(readCardPayload(keys.card, `${pre}.${forged}.${sig}`)).toBeNull()
    }
    // Relabelling a v2 body as v1 (no expiry) does not verify either: the prefix is signed.
    expect(readCardPayload(keys.card, `GH1.${body}.${sig}`)).toBeNull()
    expect(readCardPayload(keysFromMaterial(generateKeyMaterial()).card, p)).toBeNull()
  })

  test('an old static (v1) card reads back but counts as expired: it may be a screenshot', () => {
    const old = readCardPayload(keys.card, cardPayload(keys.card, member.memberNo, member.name, member.orgName, member.joinDate))!
    expect(old.v).toBe(1)
    expect(claimsTiming(old, T0)).toBe('expired')
  })

  test('CARD_QR_TTL_SEC sets the validity within sane bounds', () => {
    expect(cardTtlSec({})).toBe(300)
    expect(cardTtlSec({ CARD_QR_TTL_SEC: '3' })).toBe(3)
    for (const bad of ['0', '-5', 'abc', '1.5', '99999']) expect(cardTtlSec({ CARD_QR_TTL_SEC: bad })).toBe(300)
  })
})

describe('核验码', () => {
  test('8 Crockford characters, stable for a payload, different across payloads', () => {
    const a = timedCardPayload(keys.card, member.memberNo, member.name, member.orgName, member.joinDate, T0, 300)
    const b = timedCardPayload(keys.card, member.memberNo, member.name, member.orgName, member.joinDate, at(1), 300)
    expect(shortCode(a)).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(shortCode(a)).toBe(shortCode(a))
    expect(shortCode(a)).not.toBe(shortCode(b))
  })

  test('read out or typed loosely, it still parses', () => {
    expect(normalizeCardCode(' 7k3m-9qxo ')).toBe('7K3M9QX0')
    expect(normalizeCardCode('iL00 ABCD')).toBe('1100ABCD')
    expect(isCardCode('7k3m-9qxa')).toBe(true)
    expect(isCardCode('7K3M9QXU')).toBe(false)
    expect(isCardCode('GH2.abc.def')).toBe(false)
    expect(formatCardCode('7K3M9QXA')).toBe('7K3M-9QXA')
    expect(formatCountdown(272)).toBe('4:32')
    expect(formatCountdown(0.2)).toBe('0:01')
    expect(formatCountdown(-3)).toBe('0:00')
  })

  test('the verify form accepts a code or a payload and names the field otherwise', () => {
    expect(verifyCardSchema.safeParse({ payload: '7k3m-9qxa' }).success).toBe(true)
    expect(verifyCardSchema.safeParse({ payload: 'GH2.eyJ2IjoyfQ.c2ln' }).success).toBe(true)
    const bad = verifyCardSchema.safeParse({ payload: '123' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].message).toContain('核验码')
  })
})

describe('verifying a QR or a code', () => {
  let store: SqliteStore
  let state: MemberState
  const lookup = async () => state
  beforeEach(() => {
    store = new SqliteStore({ file: ':memory:' })
    state = 'member'
  })
  afterEach(() => store.close())

  test('a fresh QR and its code are 有效; after expiry both are 已过期; a revoked member is 已注销', async () => {
    const qr = await issueCardQr(store, keys.card, member, T0, 300)
    expect(qr).toMatchObject({ ttlSec: 300, issuedAt: T0.toISOString(), expiresAt: at(300).toISOString() })
    expect(qr.code).toHaveLength(8)
    for (const input of [qr.payload, qr.code, formatCardCode(qr.code).toLowerCase()]) {
      expect(await verifyCardInput(store, keys.card, input, at(60), lookup)).toMatchObject({
        valid: true,
        status: 'valid',
        label: '有效',
        nameMasked: '王**',
      })
      expect(await verifyCardInput(store, keys.card, input, at(301 + CLOCK_SKEW_SEC), lookup)).toMatchObject({
        valid: false,
        status: 'expired',
        memberNo: member.memberNo,
      })
    }
    state = 'revoked'
    expect(await verifyCardInput(store, keys.card, qr.code, at(60), lookup)).toMatchObject({
      valid: false,
      status: 'revoked',
      label: expect.stringMatching(/^已注销/),
    })
  }, 30_000)

  test('an unknown code or a tampered payload is 无效 and shows no member', async () => {
    const qr = await issueCardQr(store, keys.card, member, T0, 300)
    const unknown = qr.code === '00000000' ? '00000001' : '00000000'
    const v = await verifyCardInput(store, keys.card, unknown, at(1), lookup)
    expect(v).toEqual({ valid: false, status: 'invalid', label: expect.stringMatching(/^无效/) })
    const [pre, body, sig] = qr.payload.split('.')
    const tampered = `${pre}.${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}.${sig}`
    expect(await verifyCardInput(store, keys.card, tampered, at(1), lookup)).toEqual({
      valid: false,
      status: 'invalid',
      label: expect.stringContaining('篡改'),
    })
  }, 30_000)

  test('asking twice in the same second gives the same code; codes expired over an hour ago are cleared on the next issue', async () => {
    const a = await issueCardQr(store, keys.card, member, T0, 300)
    const b = await issueCardQr(store, keys.card, member, T0, 300)
    expect(b.code).toBe(a.code)
    await issueCardQr(store, keys.card, member, at(100), 300)
    await issueCardQr(store, keys.card, member, at(1000), 300)
    expect(await store.count('card_codes', { memberNo: member.memberNo })).toBe(3)
    // Still kept a while after expiry: shown again, it says 已过期 rather than 无效.
    expect((await verifyCardInput(store, keys.card, a.code, at(1000), lookup)).status).toBe('expired')
    await issueCardQr(store, keys.card, member, at(5000), 300)
    expect(await store.count('card_codes', { memberNo: member.memberNo })).toBe(1)
  }, 30_000)
})
