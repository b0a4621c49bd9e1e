// npm run gen-keys: makes the production secrets once and keeps them in deploy.secrets.json (git-ignored,
// readable only by you), where npm run deploy reads them into the functions' environment variables.
// PII_KEY encrypts 身份证号 and phone numbers (lose it and stored numbers cannot be decrypted: back the file up);
// CARD_SIGNING_KEY signs membership cards. Values are never printed; an existing file is never overwritten.
import { generateKeyPairSync, randomBytes, createPublicKey, createPrivateKey } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const file = resolve(process.env.GH_SECRETS_FILE ?? 'deploy.secrets.json')
const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
const added = []
if (!existing.PII_KEY) {
  existing.PII_KEY = randomBytes(32).toString('base64')
  added.push('PII_KEY')
}
if (!existing.CARD_SIGNING_KEY) {
  existing.CARD_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')
  added.push('CARD_SIGNING_KEY')
}
if (added.length) {
  writeFileSync(file, JSON.stringify(existing, null, 2) + '\n', { mode: 0o600 })
  console.log(`已生成 ${added.join('、')}，保存在 ${file}（不会提交到 git；请另行备份，丢失 PII_KEY 将无法解密已存数据）`)
} else console.log(`${file} 已有全部密钥，未改动 / secrets already present, nothing changed`)
const pub = createPublicKey(createPrivateKey({ key: Buffer.from(existing.CARD_SIGNING_KEY, 'base64'), format: 'der', type: 'pkcs8' }))
console.log('\n# 会员卡验签公钥（可公开，用于离线核验）:\n' + pub.export({ type: 'spki', format: 'pem' }))
