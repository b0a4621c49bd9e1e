// `npm run bench`: bundles each benchmark with esbuild (they import the real TypeScript modules) and runs it,
// then reports the built sizes the issue sets budgets for.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

// The registry finds function folders at run time from its own location; bundled, it is told the list.
const functionNames = readdirSync('cloudfunctions', { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(`cloudfunctions/${d.name}/module.ts`))
  .map((d) => d.name)

for (const name of ['nearby', 'quiz']) await build({
  entryPoints: [`scripts/bench/${name}.ts`],
  outfile: `dist/bench/${name}.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3'],
  define: { __FUNCTION_NAMES__: JSON.stringify(functionNames) },
  logLevel: 'warning',
})
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run('node', ['dist/bench/nearby.cjs'])
run('node', ['dist/bench/quiz.cjs'])

console.log('\nbuilt sizes')
if (!existsSync('dist/cloudfunctions/stations/index.js')) run('node', ['scripts/build-functions.mjs'])
if (!existsSync('dist/weapp/app.json')) run('npx', ['taro', 'build', '--type', 'weapp'])
run('node', ['scripts/size-check.mjs'])
