import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Personal data at rest: AES-256-GCM for the value, a keyed hash (HMAC-SHA256) to find duplicates without decrypting. */
export interface Pii {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  hash(value: string): string
}

/** Membership cards: signed with Ed25519 so that anyone holding the public key can check one offline. */
export interface Signer {
  sign(payload: string): string
  verify(payload: string, signature: string): boolean
  publicKeyPem: string
}

export interface Keys {
  pii: Pii
  card: Signer
}

function subKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `gonghui/${purpose}`, 32))
}

export function createPii(master: Buffer): Pii {
  if (master.length !== 32) throw new Error('PII key must be 32 bytes')
  // Separate keys per use, derived from one secret, so a leaked hash key cannot decrypt anything.
  const encKey = subKey(master, 'pii-enc')
  const hashKey = subKey(master, 'pii-hash')
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const [v, iv, tag, ct] = sealed.split('.')
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed value')
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
    },
    hash(value) {
      return createHmac('sha256', hashKey).update(value).digest('hex')
    },
  }
}

function createSigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey)
  return {
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString('base64url'),
    verify: (payload, signature) => {
      try {
        return verify(null, Buffer.from(payload), publicKey, Buffer.from(signature, 'base64url'))
      } catch {
        return false
      }
    },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

function ed25519FromDer(base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' })
}

/**
 * Production: `PII_KEY` (32 random bytes, base64) and `CARD_SIGNING_KEY` (Ed25519 private key, PKCS#8 DER,
 * base64) set as the cloud functions' environment variables. Null when either is missing.
 */
export function keysFromEnv(env: Record<string, string | undefined> = process.env): Keys | null {
  if (!env.PII_KEY || !env.CARD_SIGNING_KEY) return null
  return { pii: createPii(Buffer.from(env.PII_KEY, 'base64')), card: createSigner(ed25519FromDer(env.CARD_SIGNING_KEY)) }
}

/** Fresh keys, for tests and for a first local run. */
export function generateKeyMaterial(): { piiKey: string; cardKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519')
  return {
    piiKey: randomBytes(32).toString('base64'),
    cardKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  }
}

export function keysFromMaterial(m: { piiKey: string; cardKey: string }): Keys {
  return keysFromEnv({ PII_KEY: m.piiKey, CARD_SIGNING_KEY: m.cardKey }) as Keys
}

/** The local gateway keeps its dev keys under .data/ so that data written today still decrypts tomorrow. */
export function loadOrCreateLocalKeys(dataDir: string): Keys {
  const file = join(dataDir, 'dev-keys.json')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(generateKeyMaterial()), { mode: 0o600 })
  }
  return keysFromMaterial(JSON.parse(readFileSync(file, 'utf8')))
}
