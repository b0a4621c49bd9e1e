import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { parseDotEnv, releaseSettings, ReleaseConfigError } from '../../config/release'

const ROOT = join(__dirname, '..', '..')

describe('release build settings', () => {
  it('refuses without env id and AppID, naming both in Chinese', () => {
    expect(() => releaseSettings({})).toThrow(ReleaseConfigError)
    try {
      releaseSettings({})
    } catch (e) {
      expect((e as Error).message).toContain('TCB_ENV_ID 未设置')
      expect((e as Error).message).toContain('WX_APPID 未设置')
    }
  })

  it('refuses an AppID that is not one (touristappid)', () => {
    expect(() => releaseSettings({ TCB_ENV_ID: 'gonghui-1a2b', WX_APPID: 'touristappid' })).toThrow(/不是小程序 AppID/)
  })

  it('accepts dummy but well-formed ones', () => {
    expect(releaseSettings({ TCB_ENV_ID: ' gonghui-1a2b ', WX_APPID: 'wx0123456789abcdef' })).toEqual({
      envId: 'gonghui-1a2b',
      appId: 'wx0123456789abcdef',
    })
  })

  it('reads .env lines', () => {
    expect(parseDotEnv('# c\nTCB_ENV_ID="abc-1"\nexport WX_APPID=wx1\n\nBAD LINE')).toEqual({ TCB_ENV_ID: 'abc-1', WX_APPID: 'wx1' })
  })

  it('npm run build:release stops before building, with exit code 1 and no stack trace', () => {
    const env: Record<string, string | undefined> = { ...process.env, GH_DOTENV: 'does-not-exist.env' }
    delete env.TCB_ENV_ID
    delete env.WX_APPID
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/tools/build-release.ts'], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('无法构建正式版小程序')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('release files derived from the code', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rf = require('../../scripts/tools/release-files') as typeof import('../../scripts/tools/release-files')

  it('the lowest 基础库 is what the newest API the code calls needs (手机号快速验证 with a code: 2.21.2)', () => {
    expect(rf.minLibVersion('src')).toEqual({ version: '2.21.2', because: 'button:getPhoneNumber' })
  })

  it('the produced project config carries the real AppID and points at the built weapp and functions', () => {
    const cfg = rf.releaseProjectConfig('wx0123456789abcdef', '2.21.2')
    expect(cfg).toMatchObject({ appid: 'wx0123456789abcdef', miniprogramRoot: 'weapp/', cloudfunctionRoot: 'cloudfunctions/', libVersion: '2.21.2' })
  })

  it('sitemap.json lets search index the service pages and keeps the 工作台 out', () => {
    const s = rf.sitemap()
    const rule = (page: string) => s.rules.find((r) => r.page === page || r.page === '*')?.action
    expect(rule('pages/home/index')).toBe('allow')
    expect(rule('pages/stations/list/index')).toBe('allow')
    expect(rule('pages/membership/review/index')).toBe('disallow')
    expect(rule('pages/staff/index/index')).toBe('disallow')
    expect(rule('pages/me/index')).toBe('disallow')
  })
})

describe('long-term subscriptions', () => {
  it('the notices whose template is marked longTerm are compiled into the client; a non-boolean is refused at deploy', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { longTermNoticeKeys } = require('../../config/release') as typeof import('../../config/release')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { templateProblems } = require('../../scripts/tools/deploy-plan') as typeof import('../../scripts/tools/deploy-plan')
    const id = 'Zq3pG8y1r7XhU0sLwN5cVb2kT9aJdE4fM6oQiR8uYt1'
    const json = JSON.stringify({
      legal_aid_update: { id, keys: { category: 'thing1' }, longTerm: true },
      membership_review: { id, keys: { org: 'thing1' } },
    })
    expect(longTermNoticeKeys({ WX_TEMPLATES: json })).toEqual(['legal_aid_update'])
    expect(templateProblems(json)).toEqual([])
    expect(templateProblems(JSON.stringify({ membership_review: { id, keys: {}, longTerm: 'yes' } }))).toEqual([
      '订阅消息「membership_review」的 longTerm 应为 true 或 false',
    ])
  })
})
