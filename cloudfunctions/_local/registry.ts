import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Actions } from '../_core/contract'
import { allCollections, type Collections, type FunctionModule } from '../_core/module'

/** Set by the gateway's bundler from the folder list; absent when the sources run directly (jest). */
declare const __FUNCTION_NAMES__: string[] | undefined

/** Every `cloudfunctions/<name>/` folder with a `module.ts` is a function; `_core` and `_local` are not. */
export function functionFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'module.ts')))
    .map((d) => d.name)
    .sort()
}

export const FUNCTION_NAMES: string[] = typeof __FUNCTION_NAMES__ !== 'undefined' ? __FUNCTION_NAMES__ : functionFolders(join(__dirname, '..'))

// A template-literal require: esbuild bundles every cloudfunctions/*/module.ts it matches, and jest resolves it
// at run time, so no list of functions is written anywhere.
function load(name: string): FunctionModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`../${name}/module.ts`) as { default: FunctionModule }).default
}

export const MODULES: Record<string, FunctionModule> = Object.fromEntries(FUNCTION_NAMES.map((n) => [n, load(n)]))

/** The same action tables the cloud entries export, served by the local gateway. */
export const FUNCTIONS: Record<string, Actions> = Object.fromEntries(FUNCTION_NAMES.map((n) => [n, MODULES[n].actions]))

export const COLLECTIONS: Collections = allCollections(Object.values(MODULES))

/** The SQLite adapter's index option, from the same declarations the deploy plan uses. */
export const STORE_INDEXES: Record<string, Array<string | string[]>> = Object.fromEntries(
  Object.entries(COLLECTIONS).map(([name, spec]) => [name, spec.indexes ?? []]),
)
