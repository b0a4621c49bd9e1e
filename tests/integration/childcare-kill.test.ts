import { spawn, type ChildProcess } from 'node:child_process'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'
import { mkdtempSync, readdirSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { childId, classInput, pool } from '../utils/childcare'

jest.setTimeout(60_000)

/**
 * kill -9 of the gateway in the middle of a rush: every booking a parent was told about is on disk afterwards,
 * nothing is overbooked, and the same requests sent again after a restart finish the job with exactly `capacity`.
 */
const ROOT = resolve(__dirname, '..', '..')
const BUNDLE = join(ROOT, 'dist/test/childcare-kill-gateway.cjs')
const PARENTS = 300
const CAPACITY = 60
const RESERVED = 12

async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`gateway did not start:\n${out}`)), 20000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/)
      if (m) {
        clearTimeout(timer)
        ok(m[0])
      }
    })
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  })
  return { child, url }
}

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as any }
}

beforeAll(async () => {
  const names = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(ROOT, 'cloudfunctions', d.name, 'module.ts')))
    .map((d) => d.name)
  await build({
    entryPoints: [join(ROOT, 'cloudfunctions/_local/server.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', '@cloudbase/node-sdk'],
    define: { __FUNCTION_NAMES__: JSON.stringify(names) },
    logLevel: 'warning',
  })
})

test('kill -9 mid-rush: no acknowledged booking lost, no overbooking; retries after restart end at exactly capacity', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-cc-kill-'))
  let running: ChildProcess | null = null
  try {
    const first = await startChild(dataDir)
    running = first.child
    const staff = (await post(first.url, '/api/dev/login', { openid: 'demo-staff' })).json.data.token
    const year = new Date().getUTCFullYear() + 1
    const soon = (h: number) => new Date(Date.now() + h * 3600e3).toISOString()
    const cls = await post(
      first.url,
      '/api/childcare',
      {
        action: 'upsertClass',
        data: classInput({
          capacity: CAPACITY,
          startDate: `${year}-07-05`,
          endDate: `${year}-07-30`,
          opensAt: soon(-1),
          closesAt: soon(48),
          cancelBefore: soon(48),
          // 优先名额 ride along: a kill between a reserved place taken and its booking written loses it like any other.
          priority: { groups: ['hardship'], places: RESERVED, releaseAt: soon(24) },
        }),
      },
      staff,
    )
    const classId: string = cls.json.data.id
    const parents = Array.from({ length: PARENTS }, (_, i) => ({
      openid: `kill-${i}`,
      token: '',
      childId: '',
      requestId: `kill-req-${i}`,
      ...(i % 4 === 0 ? { claim: 'hardship' } : {}),
    }))
    await pool(
      32,
      parents.map((p, i) => async () => {
        p.token = (await post(first.url, '/api/dev/login', { openid: p.openid })).json.data.token
        await post(first.url, '/api/childcare', { action: 'giveConsent', data: { version: CHILD_RULES_VERSION, guardian: true } }, p.token)
        const saved = await post(
          first.url,
          '/api/childcare',
          { action: 'saveChild', data: { name: '测试孩子', gender: i % 2 ? '男' : '女', idNumber: childId(i, 2019), grade: 3 } },
          p.token,
        )
        p.childId = saved.json.data.id
      }),
    )

    const acked = new Map<string, { id: string; status: string }>()
    let killed = false
    await pool(
      64,
      parents.map((p) => async () => {
        if (killed) return
        try {
          const r = await post(
            first.url,
            '/api/childcare',
            { action: 'book', data: { classId, childIds: [p.childId], requestId: p.requestId, claim: p.claim } },
            p.token,
          )
          expect(r.status).toBe(200)
          acked.set(p.openid, r.json.data.bookings[0])
          if (acked.size >= 100 && !killed) {
            killed = true
            first.child.kill('SIGKILL')
          }
        } catch {
          // the connection died with the process: this parent was told nothing
        }
      }),
    )
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r)))
    running = null
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(acked.size).toBeGreaterThanOrEqual(100)
    expect(acked.size).toBeLessThan(PARENTS)

    // What is on disk after the crash.
    const store = new SqliteStore({ file: join(dataDir, 'gonghui.db') })
    const onDisk = new Map((await store.find<any>('cc_bookings', { where: { classId }, limit: 5000 })).map((b) => [b._id, b]))
    for (const b of acked.values()) expect(onDisk.get(b.id)?.status).toBe(b.status)
    const confirmed = [...onDisk.values()].filter((b) => b.status === 'confirmed').length
    expect(confirmed).toBeLessThanOrEqual(CAPACITY)
    const clsDoc = await store.get<any>('cc_classes', classId)
    // A place is taken (class) before its booking is written, so the kill can only have cut places off, never
    // handed one out twice: what is free is at most what the bookings leave.
    expect(clsDoc.remaining + clsDoc.toOffer + clsDoc.priorityRemaining).toBeLessThanOrEqual(CAPACITY - confirmed)
    expect([...onDisk.values()].filter((b) => b.claim?.pool === 'priority').length).toBeLessThanOrEqual(RESERVED)
    // The timer, once the class has been quiet longer than any request can run, returns every cut-off place:
    // to the first children waiting, as offers.
    await childcareModule.onTimer!(systemCtx({ store, now: () => new Date(Date.now() + 3 * 60_000), log: silentLogger }))
    const held = async () => (await store.count('cc_bookings', { classId, status: { $in: ['confirmed', 'offered'] } })) as number
    const after = await store.get<any>('cc_classes', classId)
    expect(after.remaining + after.toOffer + after.priorityRemaining + (await held())).toBe(CAPACITY)
    const restored = (await held()) - confirmed
    await store.close()

    // Restart on the same data; every parent sends the same request again.
    const second = await startChild(dataDir)
    running = second.child
    const again = await pool(
      64,
      parents.map(
        (p) => () =>
          post(
            second.url,
            '/api/childcare',
            { action: 'book', data: { classId, childIds: [p.childId], requestId: p.requestId, claim: p.claim } },
            p.token,
          ),
      ),
    )
    expect(again.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    for (const [i, p] of parents.entries()) {
      const before = acked.get(p.openid)
      if (before) expect(again[i].json.data.bookings[0]).toMatchObject({ id: before.id, status: before.status })
    }
    // Every place is with a child: confirmed, or offered to the first in line when the crash had cut it off.
    expect(again.filter((r) => r.json.data.bookings[0].status === 'confirmed')).toHaveLength(CAPACITY - restored)
    expect(again.filter((r) => r.json.data.bookings[0].status === 'waitlisted')).toHaveLength(PARENTS - CAPACITY + restored)
    // The reserve was never overdrawn: reserved places lost in the crash came back as general ones.
    const reserved = again.filter((r) => r.json.data.bookings[0].claim?.pool === 'priority').length
    expect(reserved).toBeLessThanOrEqual(RESERVED)
    expect(reserved).toBeGreaterThanOrEqual(RESERVED - restored)
  } finally {
    running?.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
})
