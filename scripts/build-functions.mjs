// Bundles each cloud function with the shared backend code into its own deployable folder
// (dist/cloudfunctions/<name>/index.js + package.json), and the local gateway into dist/local/.
// esbuild: one fast, well-kept bundler for TypeScript that needs no config of its own.
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { functionNames } from './functions.mjs'

const FUNCTIONS = functionNames()
/** pinned like @cloudbase/node-sdk: the cloud installs exactly what was tested */
const WX_SERVER_SDK = '4.0.2'
const common = { bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning', legalComments: 'none' }

const sizes = []
for (const name of FUNCTIONS) {
  const outdir = join('dist/cloudfunctions', name)
  mkdirSync(outdir, { recursive: true })
  await build({
    ...common,
    entryPoints: [join('cloudfunctions', name, 'index.ts')],
    outfile: join(outdir, 'index.js'),
    // CloudBase installs the SDKs from the function's own package.json; SQLite never ships to the cloud.
    external: ['@cloudbase/node-sdk', 'wx-server-sdk', 'better-sqlite3'],
    target: 'node16',
    minify: true,
    // 删除我的数据 (profile) reaches every domain's personal.ts through the same folder list the gateway uses.
    define: { __FUNCTION_NAMES__: JSON.stringify(FUNCTIONS) },
  })
  // Every function may make 云调用 (the outbox deliverer runs in whichever one has the timer; profile verifies
  // phone numbers) through wx-server-sdk, WeChat's documented path (see _core/wx-openapi.ts); CloudBase installs it.
  const pkg = JSON.parse(readFileSync(join('cloudfunctions', name, 'package.json'), 'utf8'))
  pkg.dependencies = { ...pkg.dependencies, 'wx-server-sdk': WX_SERVER_SDK }
  writeFileSync(join(outdir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  // WeChat lets a cloud function call an open API only if its config.json grants it: every function may
  // queue notices, and the outbox deliverer sends them as subscribe messages. A function needing more (profile:
  // 手机号快速验证) has its own config.json, which must keep subscribeMessage.send.
  const own = join('cloudfunctions', name, 'config.json')
  if (existsSync(own)) copyFileSync(own, join(outdir, 'config.json'))
  else writeFileSync(join(outdir, 'config.json'), JSON.stringify({ permissions: { openapi: ['subscribeMessage.send'] } }, null, 2) + '\n')
  sizes.push([name, statSync(join(outdir, 'index.js')).size])
}

await build({
  ...common,
  entryPoints: ['cloudfunctions/_local/server.ts'],
  outfile: 'dist/local/server.cjs',
  external: ['better-sqlite3', '@cloudbase/node-sdk', 'wx-server-sdk'],
  target: 'node20',
  sourcemap: true,
  // The registry requires every cloudfunctions/*/module.ts; the bundle cannot list folders at run time.
  define: { __FUNCTION_NAMES__: JSON.stringify(FUNCTIONS) },
})

for (const [name, size] of sizes) console.log(`cloud function ${name.padEnd(11)} ${(size / 1024).toFixed(1)} KB`)
console.log(`local gateway -> dist/local/server.cjs (${readdirSync('dist/local').length} files)`)
