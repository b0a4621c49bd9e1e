import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Build-time settings of a production (release) weapp build. A local build needs none of them: it talks to
 * the environment the IDE binds, or to the local gateway in H5. A release build must name its CloudBase
 * environment and mini-program AppID, from the environment or a git-ignored `.env` file at the root.
 */
export interface ReleaseSettings {
  envId: string
  appId: string
}

/** `KEY=value` lines of a `.env` file (comments and blank lines ignored; quotes around values dropped). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!m) continue
    out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return out
}

/** process.env over `.env`: what is set in the shell wins. */
export function deployEnv(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  // GH_DOTENV points elsewhere (tests point it at nothing, so a developer's own .env cannot leak in).
  const file = resolve(root, env.GH_DOTENV ?? '.env')
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8')) : {}
  return { ...fromFile, ...env }
}

export class ReleaseConfigError extends Error {}

/** The release settings, or an error that says in Chinese and English what to set and where. */
export function releaseSettings(env: Record<string, string | undefined>): ReleaseSettings {
  const envId = (env.TCB_ENV_ID ?? '').trim()
  const appId = (env.WX_APPID ?? '').trim()
  const problems: string[] = []
  if (!envId) problems.push('TCB_ENV_ID 未设置（云开发环境 ID，云开发控制台 → 环境总览；CloudBase environment id）')
  else if (!/^[a-z0-9][a-z0-9-]{2,62}$/i.test(envId)) problems.push(`TCB_ENV_ID「${envId}」不像云开发环境 ID（字母、数字和连字符）`)
  if (!appId) problems.push('WX_APPID 未设置（小程序 AppID，微信公众平台 → 开发管理 → 开发设置；mini-program AppID）')
  else if (!/^wx[0-9a-f]{16}$/.test(appId)) problems.push(`WX_APPID「${appId}」不是小程序 AppID（wx 加 16 位十六进制）`)
  if (problems.length) {
    throw new ReleaseConfigError(
      [
        '无法构建正式版小程序 / cannot build the production mini-program:',
        ...problems.map((p) => '  - ' + p),
        '在环境变量或项目根目录的 .env 文件中设置（见 .env.example）。Set them in the environment or in .env (see .env.example).',
      ].join('\n'),
    )
  }
  return { envId, appId }
}

/** True when this build is the production one (`npm run build:release`, which sets GH_RELEASE=1). */
export function isRelease(env: Record<string, string | undefined> = process.env): boolean {
  return env.GH_RELEASE === '1'
}

/**
 * Subscribe-message template ids by notice key, for the client's requestSubscribeMessage: from WX_TEMPLATES
 * (JSON) or the git-ignored subscribe-templates.json — the same file npm run deploy gives the functions.
 */
export function subscribeTemplateIds(env: Record<string, string | undefined>, root = process.cwd()): Record<string, string> {
  const file = resolve(root, env.GH_TEMPLATES_FILE ?? 'subscribe-templates.json')
  const text = env.WX_TEMPLATES ?? (existsSync(file) ? readFileSync(file, 'utf8') : '')
  if (!text) return {}
  const parsed = JSON.parse(text) as Record<string, { id?: unknown }>
  return Object.fromEntries(Object.entries(parsed).flatMap(([k, t]) => (typeof t?.id === 'string' ? [[k, t.id]] : [])))
}

/**
 * Notice keys whose template is a long-term subscription (`"longTerm": true` in subscribe-templates.json): WeChat
 * grants those only to some categories (政务民生 among them); one acceptance then covers every later notice.
 */
export function longTermNoticeKeys(env: Record<string, string | undefined>, root = process.cwd()): string[] {
  const file = resolve(root, env.GH_TEMPLATES_FILE ?? 'subscribe-templates.json')
  const text = env.WX_TEMPLATES ?? (existsSync(file) ? readFileSync(file, 'utf8') : '')
  if (!text) return []
  const parsed = JSON.parse(text) as Record<string, { longTerm?: unknown }>
  return Object.entries(parsed).flatMap(([k, t]) => (t?.longTerm === true ? [k] : []))
}
