// The files a release build adds next to Taro's output: the project config WeChat DevTools opens (real AppID, so
// 云开发 works), sitemap.json, and the lowest 基础库 the code runs on, computed from the APIs it calls.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DOMAINS } from '../../src/domains'

/**
 * The 基础库 each API or feature the code uses first appeared in (WeChat's docs), for those newer than 2.0.
 * `button:getPhoneNumber` is 手机号快速验证 with a one-time code, which is what profile exchanges.
 */
export const MIN_LIB: Record<string, string> = {
  cloud: '2.2.3',
  requestSubscribeMessage: '2.4.4',
  chooseMessageFile: '2.5.0',
  chooseMedia: '2.10.0',
  'button:getPhoneNumber': '2.21.2',
  getFuzzyLocation: '2.25.0',
}

const cmp = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)]
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  return 0
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(ts|tsx)$/.test(n) && !/\.h5\.(ts|tsx)$/.test(n) ? [p] : []
  })
}

/** The lowest 基础库 the weapp code needs, and the API that needs it. */
export function minLibVersion(root = 'src'): { version: string; because: string } {
  let best = { version: '2.0.0', because: '(Taro 4)' }
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8')
    const used = [
      ...[...text.matchAll(/\b(?:Taro|wx)\s*\.\s*([a-zA-Z]+)\b/g)].map((m) => m[1]),
      ...[...text.matchAll(/openType\s*=\s*\{?\s*['"]([a-zA-Z]+)['"]/g)].map((m) => `button:${m[1]}`),
    ]
    for (const api of used) if (MIN_LIB[api] && cmp(MIN_LIB[api], best.version) > 0) best = { version: MIN_LIB[api], because: api }
  }
  return best
}

/**
 * Search may index the public service pages; the 工作台's pages (staff, lawyers, keepers) and anything not listed
 * stay out. Derived from the domain manifest, like app.config.
 */
export function sitemap(): { desc: string; rules: Array<{ action: 'allow' | 'disallow'; page: string }> } {
  const staffPages = new Set(['pages/staff/index/index', ...DOMAINS.flatMap((d) => (d.workbench ?? []).map((t) => t.url.replace(/^\//, '')))])
  const publicPages = ['pages/home/index', ...DOMAINS.flatMap((d) => (d.home ? [d.home.url.replace(/^\//, '')] : []))]
  return {
    desc: '微信搜索可收录首页和各项服务的首页；工作台页面和个人页面不收录',
    rules: [
      ...[...staffPages].sort().map((page) => ({ action: 'disallow' as const, page })),
      ...publicPages.map((page) => ({ action: 'allow' as const, page })),
      { action: 'disallow', page: '*' },
    ],
  }
}

/** dist/project.config.json: DevTools opens dist/ with the real AppID, the weapp and the built cloud functions. */
export function releaseProjectConfig(appId: string, libVersion: string): Record<string, unknown> {
  const base = JSON.parse(readFileSync('project.config.json', 'utf8')) as Record<string, unknown>
  return { ...base, appid: appId, miniprogramRoot: 'weapp/', cloudfunctionRoot: 'cloudfunctions/', libVersion }
}

export function writeReleaseFiles(appId: string, dist = 'dist'): { libVersion: string; because: string } {
  const { version, because } = minLibVersion()
  writeFileSync(join(dist, 'project.config.json'), JSON.stringify(releaseProjectConfig(appId, version), null, 2) + '\n')
  writeFileSync(join(dist, 'weapp', 'sitemap.json'), JSON.stringify(sitemap(), null, 2) + '\n')
  return { libVersion: version, because }
}
