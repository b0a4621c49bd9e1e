// `npm run bench`: bundles every benchmark in scripts/bench/ with esbuild (they import the real TypeScript
// modules) and runs each in turn, then reports the built sizes the issues set budgets for. A domain adds a
// benchmark by adding scripts/bench/<name>.ts; `npm run bench -- quiz` runs only the named ones.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { functionNames } from './functions.mjs'

const all = readdirSync('scripts/bench')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort((a, b) => (a === 'nearby' ? -1 : b === 'nearby' ? 1 : a.localeCompare(b)))
const wanted = process.argv.slice(2)
const benches = wanted.length ? all.filter((b) => wanted.includes(b)) : all

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

for (const name of benches) {
  await build({
    entryPoints: [`scripts/bench/${name}.ts`],
    outfile: `dist/bench/${name}.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', '@cloudbase/node-sdk', '@cloudbase/database'],
    logLevel: 'warning',
    // The registry lists function folders at run time from its own location; bundled, it is told the list.
    define: { __FUNCTION_NAMES__: JSON.stringify(functionNames()) },
  })
  console.log(`\n=== bench: ${name}`)
  run('node', [`dist/bench/${name}.cjs`])
}

if (!wanted.length) {
  console.log('\nbuilt sizes')
  if (!existsSync('dist/cloudfunctions/stations/index.js')) run('node', ['scripts/build-functions.mjs'])
  if (!existsSync('dist/weapp/app.json')) run('npx', ['taro', 'build', '--type', 'weapp'])
  run('node', ['scripts/size-check.mjs'])
}
