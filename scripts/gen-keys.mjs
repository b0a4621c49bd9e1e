// Prints fresh production secrets for the cloud functions' environment variables.
// PII_KEY encrypts 身份证号 and phone numbers; CARD_SIGNING_KEY signs membership cards.
// Generate once per deployment, store them in the CloudBase console, and never commit them.
import { generateKeyPairSync, randomBytes } from 'node:crypto'

const { privateKey, publicKey } = generateKeyPairSync('ed25519')
console.log(`PII_KEY=${randomBytes(32).toString('base64')}`)
console.log(`CARD_SIGNING_KEY=${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`)
console.error('\n# 会员卡验签公钥（可公开，用于离线核验）:\n' + publicKey.export({ type: 'spki', format: 'pem' }))
