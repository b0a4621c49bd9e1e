import { createPii, generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { cardPayload, readCardPayload } from '../../cloudfunctions/membership/card'
import { randomBytes } from 'node:crypto'

describe('personal data encryption', () => {
  const pii = createPii(randomBytes(32))
  test('round-trips, never repeats a ciphertext, and refuses tampering', () => {
    const a = pii.encrypt('37148119900307123X')
    const b = pii.encrypt('37148119900307123X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('1990')
    expect(pii.decrypt(a)).toBe('37148119900307123X')
    const [v, iv, tag, ct] = a.split('.')
    // The first character carries six whole bits of the first byte, so changing it always changes the ciphertext.
    const flipped = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1)
    expect(() => pii.decrypt([v, iv, tag, flipped].join('.'))).toThrow()
  })
  test('the keyed hash is stable for a key and differs across keys', () => {
    expect(pii.hash('x')).toBe(pii.hash('x'))
    expect(createPii(randomBytes(32)).hash('x')).not.toBe(pii.hash('x'))
  })
})

describe('membership card payload', () => {
  const keys = keysFromMaterial(generateKeyMaterial())
  test('a signed payload reads back with a masked name only', () => {
    const p = cardPayload(keys.card, '3714812026000001', '王建国', '泰山体育产业集团有限公司工会', '2026-11-23')
    expect(readCardPayload(keys.card, p)).toEqual({ v: 1, n: '3714812026000001', m: '王**', o: '泰山体育产业集团有限公司工会', j: '2026-11-23' })
    expect(p).not.toContain('王建国')
  })
  test('an altered claim, a foreign key or garbage is refused', () => {
    const p = cardPayload(keys.card, '3714812026000001', '王建国', '某工会', '2026-11-23')
    const [pre, body, sig] = p.split('.')
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...claims, n: '3714812026000002' })).toString('base64url')
    expect(readCardPayload(keys.card, `${pre}.${forged}.${sig}`)).toBeNull()
    expect(readCardPayload(keysFromMaterial(generateKeyMaterial()).card, p)).toBeNull()
    expect(readCardPayload(keys.card, 'hello')).toBeNull()
  })
})
