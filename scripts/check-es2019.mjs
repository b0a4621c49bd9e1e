// Every .js file of the weapp build must parse as ES2019: WeChat cannot polyfill syntax, and iOS < 13.4
// (JavaScriptCore without `??`/`?.`) shows a white screen on the first file that does not parse.
// acorn: the parser webpack itself uses, so it is always in node_modules.
import { createRequire } from 'node:module'
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const require = createRequire(import.meta.url)
const acorn = require('acorn')

export function checkEs2019(root = 'dist/weapp') {
  const files = []
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.js')) files.push(p)
    }
  }
  walk(root)
  const failures = []
  for (const file of files) {
    const code = readFileSync(file, 'utf8')
    try {
      acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script', allowHashBang: true })
    } catch (e) {
      const at = e.loc ? `:${e.loc.line}:${e.loc.column + 1}` : ''
      const near = typeof e.pos === 'number' ? code.slice(Math.max(0, e.pos - 30), e.pos + 30).replace(/\s+/g, ' ') : ''
      failures.push(`${relative('.', file)}${at} ${e.message} … ${near}`)
    }
  }
  return { files: files.length, failures }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist/weapp'
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`${root} is missing: run npm run build:weapp first`)
    process.exit(1)
  }
  const { files, failures } = checkEs2019(root)
  if (failures.length) {
    console.error(`ES2019 check: ${failures.length} of ${files} .js files in ${root} do not parse as ES2019 (iOS < 13.4 would show a white screen):`)
    for (const f of failures) console.error('  ' + f)
    process.exit(1)
  }
  console.log(`ES2019 check: all ${files} .js files in ${root} parse as ES2019`)
}
