import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { buildSync } from 'esbuild'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { runStoreContract } from './contract'

runStoreContract('sqlite :memory:', async () => {
  const store = new SqliteStore({ file: ':memory:', indexes: { things: ['n'] } })
  return { store, cleanup: () => store.close() }
})

runStoreContract('sqlite file (WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-store-'))
  const store = new SqliteStore({ file: join(dir, 'db.sqlite') })
  return {
    store,
    cleanup: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

describe('sqlite durability', () => {
  test('every write acknowledged before the process is killed (SIGKILL) is still there after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-kill-'))
    const file = join(dir, 'db.sqlite')
    // The child runs the real adapter, bundled, since jest's TypeScript transform does not reach it.
    const bundle = join(dir, 'store.cjs')
    buildSync({
      entryPoints: [join(__dirname, '../../cloudfunctions/_core/store/sqlite.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      external: ['better-sqlite3'],
      logLevel: 'error',
    })
    // The child writes as fast as it can and prints each id once insert has resolved; we kill it mid-stream.
    const script = `
      const { SqliteStore } = require(${JSON.stringify(bundle)});
      const store = new SqliteStore({ file: ${JSON.stringify(file)} });
      (async () => { for (let i = 0; ; i++) { await store.insert('acks', { _id: 'k' + i, i }); process.stdout.write('k' + i + '\\n'); } })();
    `
    const child = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: join(__dirname, '../../node_modules') },
    })
    const acked: string[] = []
    let buf = ''
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString()
        const lines = buf.split('\n')
        buf = lines.pop() ?? ''
        acked.push(...lines)
        if (acked.length >= 200 && !child.killed) {
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    await new Promise((r) => child.on('exit', r))
    const store = new SqliteStore({ file })
    for (const id of acked) expect(await store.get('acks', id)).not.toBeNull()
    const n = await store.count('acks')
    expect(n).toBeGreaterThanOrEqual(acked.length)
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }, 60000)
})
