import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

const TTL_MS = 7 * 24 * 3600 * 1000

/** The gateway's signing key lives beside the local database and never leaves the machine. */
export function loadOrCreateKey(file: string): Buffer {
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  mkdirSync(dirname(file), { recursive: true })
  const key = randomBytes(32)
  writeFileSync(file, key.toString('hex'), { mode: 0o600 })
  return key
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url')
}

/** Stateless: the token carries openid and expiry, signed, so a restart keeps people signed in. */
export function issueToken(key: Buffer, openid: string, now = Date.now()): string {
  const payload = `${Buffer.from(openid).toString('base64url')}.${now + TTL_MS}`
  return `${payload}.${sign(key, payload)}`
}

export function verifyToken(key: Buffer, token: string, now = Date.now()): string | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const payload = `${parts[0]}.${parts[1]}`
  const expected = Buffer.from(sign(key, payload))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  if (!(Number(parts[1]) > now)) return null
  return Buffer.from(parts[0], 'base64url').toString('utf8') || null
}
