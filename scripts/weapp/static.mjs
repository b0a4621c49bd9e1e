// The offline static check of a weapp build: DevTools' own app.json / page-json validator from miniprogram-ci
// (project attributes supplied here instead of fetched from WeChat's servers) and WeChat's WXML and WXSS
// compilers (wcc, wcsc from miniprogram-compiler) over every file.
import compiler from 'miniprogram-compiler'
import wcsc from 'miniprogram-compiler/src/wcsc.js'
import ci from 'miniprogram-ci'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appPages } from './sandbox.mjs'

/** Returns a list of problems (empty when the build passes). */
export async function staticCheck(dir) {
  const problems = []
  const keyDir = mkdtempSync(join(tmpdir(), 'gh-weapp-key-'))
  try {
    const keyPath = join(keyDir, 'ci.key')
    writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }))
    const appid = JSON.parse(readFileSync(join(dir, 'project.config.json'), 'utf8')).appid || 'wx0000000000000000'
    const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dir, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] })
    // What WeChat's servers would answer for an ordinary mini-program (MaxTabbarIconSize 40 KB, …).
    project.attr = async () => ({ ...ci.DefaultProjectAttr, setting: { ...ci.DefaultProjectAttr.setting } })
    try {
      const app = await ci.getAppJSON(project)
      for (const { path } of appPages(app)) {
        try {
          await ci.getPageJSON(project, { miniprogramRoot: '', pagePath: path })
        } catch (e) {
          problems.push(`${path}.json: ${e?.message ?? e}`)
        }
      }
    } catch (e) {
      problems.push(`app.json: ${e?.message ?? e}`)
    }
  } finally {
    rmSync(keyDir, { recursive: true, force: true })
  }
  try {
    compiler.wxmlToJs(dir, { maxBuffer: 256 * 1024 * 1024 })
  } catch (e) {
    problems.push(`wcc: ${e?.message ?? e}`)
  }
  try {
    // wcsc itself, not the package's wxssToJs: that one hides the compiler's message behind a TypeError.
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.wxss') && !f.includes('node_modules'))
      .map((f) => f.slice(0, -'.wxss'.length))
    const out = wcsc(dir, files, { maxBuffer: 256 * 1024 * 1024 })
    if (out instanceof Error) throw out
  } catch (e) {
    problems.push(`wcsc: ${e?.message ?? e}`)
  }
  return problems
}
