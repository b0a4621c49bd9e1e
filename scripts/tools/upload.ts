// npm run upload / npm run preview: builds the release weapp and hands it to WeChat with miniprogram-ci.
// Needs WX_APPID, TCB_ENV_ID and the code-upload key (WX_UPLOAD_KEY_PATH, or its PEM text in WX_UPLOAD_KEY) from
// the environment or .env; the machine's IP must be on the key's whitelist (else WeChat answers -10008).
// Whatever fails, the user gets one clear message and exit code 1, never a stack trace.
import { execSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { deployEnv } from '../../config/release'

const mode = process.argv[2] === 'preview' ? 'preview' : 'upload'
const label = mode === 'upload' ? '上传 / upload' : '预览 / preview'

function fail(message: string): never {
  console.error(`${label} 失败 / failed: ${message}`)
  process.exit(1)
}

/** What WeChat's errors mean for the person running this. */
function explain(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'object' && e ? JSON.stringify(e) : String(e)
  if (/-10008|invalid ip/i.test(text))
    return `本机 IP 不在上传密钥的白名单中（微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → IP 白名单）/ this IP is not whitelisted. ${text}`
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(text)) return `连不上微信服务器，检查网络 / cannot reach WeChat's servers. ${text}`
  if (/appid|privatekey|private key|-10006|-10002/i.test(text)) return `AppID 与上传密钥不匹配或密钥无效 / AppID and upload key do not match. ${text}`
  return text
}

process.on('unhandledRejection', (e) => fail(explain(e)))
process.on('uncaughtException', (e) => fail(explain(e)))

async function main() {
  const env = deployEnv()
  const missing: string[] = []
  if (!env.WX_APPID) missing.push('WX_APPID（小程序 AppID）')
  if (!env.TCB_ENV_ID) missing.push('TCB_ENV_ID（云开发环境 ID）')
  const keyPath = env.WX_UPLOAD_KEY_PATH ? resolve(env.WX_UPLOAD_KEY_PATH) : ''
  if (!env.WX_UPLOAD_KEY && !keyPath)
    missing.push('WX_UPLOAD_KEY_PATH 或 WX_UPLOAD_KEY（小程序代码上传密钥：微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → 生成）')
  else if (keyPath && !existsSync(keyPath)) missing.push(`上传密钥文件不存在：${keyPath}`)
  if (missing.length) fail(`缺少 / missing:\n${missing.map((m) => '  - ' + m).join('\n')}\n在环境变量或 .env 中设置（见 .env.example）。`)

  const built = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/tools/build-release.ts'], { stdio: 'inherit' })
  if (built.status !== 0) fail('正式版构建失败，见上方输出 / the release build failed (see above)')

  let privateKeyPath = keyPath
  if (!privateKeyPath) {
    privateKeyPath = join(mkdtempSync(join(tmpdir(), 'gh-upload-')), 'upload.key')
    writeFileSync(privateKeyPath, String(env.WX_UPLOAD_KEY).replace(/\\n/g, '\n'), { mode: 0o600 })
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci')
  const project = new ci.Project({
    appid: env.WX_APPID,
    type: 'miniProgram',
    projectPath: resolve('dist/weapp'),
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  let commit = ''
  try {
    commit = execSync('git log -1 --format="%h %s"', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // not a git checkout: the description is the version alone
  }
  const desc = `${pkg.version}${commit ? ' · ' + commit : ''}`.slice(0, 100)
  const setting = { es6: false, es7: false, minify: false, autoPrefixWXSS: true }
  try {
    if (mode === 'upload') {
      await ci.upload({ project, version: pkg.version, desc, setting, robot: 1 })
      console.log(`已上传 ${pkg.version}（${desc}）。在微信公众平台 → 版本管理 中设为体验版或提交审核。`)
    } else {
      const out = resolve(env.WX_PREVIEW_QRCODE ?? 'preview-qrcode.png')
      await ci.preview({ project, desc, setting, robot: 1, qrcodeFormat: 'image', qrcodeOutputDest: out })
      console.log(`预览二维码已保存到 ${out}，用微信扫码打开。`)
    }
  } catch (e) {
    fail(explain(e))
  }
}

main().then(() => process.exit(0))
