// `npm run test:weapp`: builds the functions and the weapp (unless --no-build: CI runs it on the release build
// it has just made), then runs the weapp check as four processes at once (every page as each third of the
// personas, with the static check and the tap crawls; and the old-iOS mode, every page without ES2021+
// built-ins), prints one table, then runs the tests that prove the check fails on planted defects.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { printTable } from './check.mjs'

const ROOT = resolve(import.meta.dirname, '..', '..')
const require_ = createRequire(import.meta.url).resolve
const args = process.argv.slice(2)
const started = Date.now()

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/** Runs a check in a child process, its output buffered so that two at once do not interleave. */
function check(argv) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'scripts/weapp/check.mjs'), ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.on('exit', (code) => done({ code: code ?? 1, out }))
  })
}

if (!args.includes('--no-build')) {
  run(process.execPath, ['scripts/build-functions.mjs'])
  console.log('正在构建小程序（weapp）…')
  run(process.execPath, [require_('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], { NODE_ENV: 'production' })
}

// Opening pages is mostly waiting on timers and the gateway: four checks at once, each with its own gateway.
const tmp = mkdtempSync(join(tmpdir(), 'gh-weapp-table-'))
// Each part its own personas; the crawls ride with the parts that hold the worker and the admin.
const PARTS = [
  ['demo-courier,demo-worker,demo-parent'],
  ['demo-staff,demo-staff-taishan,demo-lawyer', '--no-static'],
  ['demo-keeper,demo-admin,-', '--no-static'],
]
const results = await Promise.all([
  ...PARTS.map(([personas, ...flags], i) => check(['--personas', personas, ...flags, '--table-json', join(tmp, `${i}.json`)])),
  check(['--old-ios', '--no-static', '--no-crawl', '--personas', 'demo-worker,demo-admin,-']),
])
const oldIos = results.pop()
const quiet = (out) =>
  out
    .split('\n')
    .filter((l) => !l.startsWith('[miniprogram-builder]'))
    .join('\n')
const parts = PARTS.map((_, i) => join(tmp, `${i}.json`))
  .filter((f) => existsSync(f))
  .map((f) => JSON.parse(readFileSync(f, 'utf8')))
rmSync(tmp, { recursive: true, force: true })
if (parts.length) {
  const personas = parts.flatMap((p) => p.personas)
  const table = new Map()
  for (const part of parts) {
    for (const [page, row] of part.rows) table.set(page, new Map([...(table.get(page) ?? []), ...Object.entries(row)]))
  }
  printTable(table, personas)
}
process.stdout.write(results.map((r) => quiet(r.out)).join('\n'))
process.stdout.write('\n── old iOS (no ES2021+ built-ins) ──\n' + quiet(oldIos.out))
console.log(`\nweapp checks took ${((Date.now() - started) / 1000).toFixed(0)} s`)
if ([...results, oldIos].some((r) => r.code !== 0)) process.exit(1)

// The check must also fail where it should: planted defects, each its own test.
run(process.execPath, [require_('jest/bin/jest'), '--selectProjects', 'weapp'])
