import { maskPII } from '../../cloudfunctions/_core/log'
import { issueToken, verifyToken } from '../../cloudfunctions/_local/sessions'
import { randomBytes } from 'node:crypto'

describe('log masking', () => {
  test('ID numbers and mobile numbers never reach a log line in clear', () => {
    const line = maskPII('{"id":"37142819900307123X","phone":"13812345678","other":"0534-6211001"}')
    expect(line).toContain('3714**********123X')
    expect(line).toContain('138****5678')
    expect(line).not.toContain('19900307')
    expect(line).toContain('0534-6211001')
  })
})

describe('local session tokens', () => {
  const key = randomBytes(32)
  test('a token names its openid until it expires, and a forged one names nobody', () => {
    const token = issueToken(key, 'demo-courier', 1000)
    expect(verifyToken(key, token, 2000)).toBe('demo-courier')
    expect(verifyToken(key, token, 1000 + 8 * 24 * 3600 * 1000)).toBeNull()
    const [, exp, sig] = token.split('.')
    expect(verifyToken(key, `${Buffer.from('demo-admin').toString('base64url')}.${exp}.${sig}`, 2000)).toBeNull()
    expect(verifyToken(randomBytes(32), token, 2000)).toBeNull()
    expect(verifyToken(key, 'garbage', 2000)).toBeNull()
  })
})
