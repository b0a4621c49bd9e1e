// Which Chromium the browser tests launch, printed as JSON {path, args, source}: $CHROMIUM_PATH when set, else the
// system's (Debian's /usr/bin/chromium), else the headless Chromium shipped inside the npm package
// @sparticuz/chromium (a devDependency: nothing downloads, it unpacks into the temp dir on first use).
// A separate script because that package is ES-module only and jest's CommonJS runtime cannot load it.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export async function findChromium(env = process.env, exists = existsSync) {
  if (env.CHROMIUM_PATH) return { path: env.CHROMIUM_PATH, args: [], source: 'CHROMIUM_PATH' }
  // GH_NO_SYSTEM_CHROMIUM=1 pretends the machine has none: how the bare-machine path is tried on one that has it.
  const system = env.GH_NO_SYSTEM_CHROMIUM === '1' ? undefined : SYSTEM.find((p) => exists(p))
  if (system) return { path: system, args: [], source: 'system' }
  return { ...(await unpackBundled()), source: '@sparticuz/chromium' }
}

/** Test files run in parallel: one process unpacks, the others wait for it (a half-written binary would crash). */
async function unpackBundled() {
  const { default: chromium } = await import('@sparticuz/chromium')
  const lock = join(tmpdir(), 'gh-chromium-unpack.lock')
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock left by a killed process is stale after two minutes.
      if (waited > 120000 || Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 120000) rmSync(lock, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    return { path: await chromium.executablePath(), args: chromium.args }
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

if (process.argv[1] === import.meta.filename) {
  console.log(JSON.stringify(await findChromium()))
}
