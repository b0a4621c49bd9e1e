// The cloud functions are the folders under cloudfunctions/ that have a module.ts; `_core` and `_local`
// are shared code. Build, size check, bench and deploy all read the list from here, never from a hand list.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export function functionNames(root = 'cloudfunctions') {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(root, d.name, 'module.ts')))
    .map((d) => d.name)
    .sort()
}
