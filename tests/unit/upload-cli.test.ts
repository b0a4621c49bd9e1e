import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')

describe.each(['upload', 'preview'])('npm run %s without credentials', (mode) => {
  it('says what to set, exits 1, prints no stack trace', () => {
    const env: Record<string, string | undefined> = { ...process.env, GH_DOTENV: 'does-not-exist.env' }
    for (const k of ['WX_APPID', 'TCB_ENV_ID', 'WX_UPLOAD_KEY', 'WX_UPLOAD_KEY_PATH']) delete env[k]
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/tools/upload.ts', mode], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('失败 / failed')
    expect(r.stderr).toContain('WX_APPID')
    expect(r.stderr).toContain('小程序代码上传密钥')
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).toBe('')
  })
})
