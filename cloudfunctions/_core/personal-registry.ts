import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PersonalModule } from './personal'

/** Set by the bundler from the folder list (scripts/build-functions.mjs); absent when the sources run directly (jest). */
declare const __FUNCTION_NAMES__: string[] | undefined

function folders(): string[] {
  const root = join(__dirname, '..')
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'module.ts')))
    .map((d) => d.name)
    .sort()
}

// A template-literal require, as in _local/registry.ts: esbuild bundles every cloudfunctions/*/personal.ts (they are
// small and import no parsers), so 删除我的数据 reaches every domain without a list written anywhere.
function load(name: string): PersonalModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`../${name}/personal.ts`) as { default: PersonalModule }).default
}

let cached: Record<string, PersonalModule> | null = null

/** Each function folder's personal-data declaration (every folder has one: the erasure test checks it). */
export function personalModules(): Record<string, PersonalModule> {
  if (!cached) {
    const names = typeof __FUNCTION_NAMES__ !== 'undefined' ? __FUNCTION_NAMES__ : folders()
    cached = Object.fromEntries(names.map((n) => [n, load(n)]))
  }
  return cached
}
