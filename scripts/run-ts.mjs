// Runs a TypeScript entry of the project's tooling (deploy, release build, upload) with Node: esbuild bundles
// it with the sources it imports (the function registry, the release config) into a temporary CommonJS file;
// npm packages stay external and load from node_modules. No ts-node/tsx needed, the same bundler as the functions.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, resolve } from 'node:path'
import { functionNames } from './functions.mjs'

const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]')
  process.exit(1)
}
const outdir = resolve('dist/tools')
mkdirSync(outdir, { recursive: true })
// One file per process: two runs at once (parallel tests) must not overwrite each other's bundle.
const outfile = join(outdir, basename(entry).replace(/\.ts$/, `.${process.pid}.cjs`))
process.on('exit', () => rmSync(outfile, { force: true }))
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
  // The registry lists function folders at run time only when run from the sources; bundled, it is told.
  define: { __FUNCTION_NAMES__: JSON.stringify(functionNames()) },
})
process.argv = [process.argv[0], outfile, ...args]
createRequire(import.meta.url)(outfile)
