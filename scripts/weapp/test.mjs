// `npm run test:weapp`: builds the functions and the weapp (unless --no-build: CI runs it on the release build
// it has just made), then runs the weapp check twice at once (every page, persona and the tap crawl; and the
// old-iOS mode, every page without ES2021+ built-ins), then the tests that prove the check fails on planted defects.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

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

const [full, oldIos] = await Promise.all([check([]), check(['--old-ios', '--no-static', '--no-crawl', '--personas', 'demo-worker,demo-admin,-'])])
process.stdout.write(full.out)
process.stdout.write('\n── old iOS (no ES2021+ built-ins) ──\n')
process.stdout.write(
  oldIos.out
    .split('\n')
    .filter((l) => !l.startsWith('[miniprogram-builder]'))
    .join('\n'),
)
console.log(`\nweapp checks took ${((Date.now() - started) / 1000).toFixed(0)} s`)
if (full.code !== 0 || oldIos.code !== 0) process.exit(1)

// The check must also fail where it should: planted defects, each its own test.
run(process.execPath, [require_('jest/bin/jest'), '--selectProjects', 'weapp'])
