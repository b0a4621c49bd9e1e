// Size budget for the weapp build, measured by miniprogram-ci's own analyser (the numbers WeChat's
// uploader uses), plus the bundled cloud functions. Exits non-zero when a budget is broken.
import { createRequire } from 'node:module'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync, statSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { functionNames } from './functions.mjs'
import { checkEs2019 } from './check-es2019.mjs'

const require = createRequire(import.meta.url)
const ci = require('miniprogram-ci')

const MAIN_BUDGET = 600 * 1024 // ours
const PACKAGE_LIMIT = 2 * 1024 * 1024 // WeChat's hard limit per package
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

const projectPath = resolve('dist/weapp')
if (!existsSync(join(projectPath, 'app.json'))) {
  console.error('dist/weapp is missing: run npm run build:weapp first')
  process.exit(1)
}
// analyseCode needs a key file to construct a project but never uses it offline; a throwaway one will do.
const keyDir = mkdtempSync(join(tmpdir(), 'gh-ci-'))
const keyPath = join(keyDir, 'analyse.key')
writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }))
const project = new ci.Project({
  appid: 'wx0000000000000000',
  type: 'miniProgram',
  projectPath,
  privateKeyPath: keyPath,
  ignores: ['node_modules/**/*'],
})
const report = await ci.analyseCode(project)

const packages = new Map()
for (const f of report.files ?? []) {
  const name = f.subPackage ?? 'main'
  packages.set(name, (packages.get(name) ?? 0) + f.size)
}
let failed = false
const main = packages.get('main') ?? 0
console.log(`weapp main package   ${kb(main).padStart(10)}   (budget ${kb(MAIN_BUDGET)}, WeChat limit ${kb(PACKAGE_LIMIT)})`)
if (main > MAIN_BUDGET) failed = true
for (const [name, size] of [...packages].filter(([n]) => n !== 'main').sort()) {
  console.log(`  subpackage ${name.padEnd(20)} ${kb(size).padStart(10)}`)
  if (size > PACKAGE_LIMIT) failed = true
}
const total = [...packages.values()].reduce((a, b) => a + b, 0)
console.log(`weapp total          ${kb(total).padStart(10)}`)
for (const fn of functionNames()) {
  const file = join('dist/cloudfunctions', fn, 'index.js')
  if (existsSync(file))
    console.log(`cloud function ${fn.padEnd(9)} ${kb(statSync(file).size).padStart(10)} (bundled, minified; SDK installed by CloudBase)`)
}
// The same run holds the output to ES2019 syntax (WeChat cannot polyfill syntax; see scripts/check-es2019.mjs).
const syntax = checkEs2019(projectPath)
if (syntax.failures.length) {
  console.error(`ES2019 check: ${syntax.failures.length} of ${syntax.files} .js files do not parse as ES2019:`)
  for (const f of syntax.failures) console.error('  ' + f)
  failed = true
} else console.log(`ES2019 check: all ${syntax.files} .js files parse as ES2019`)
if (failed) {
  console.error('size budget or syntax check broken')
  process.exit(1)
}
process.exit(0)
