import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkDigit } from '../../src/contracts/membership/idcard'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'

/**
 * Issue 7 item 2: the built gateway (dist/local/server.cjs, as `npm start` runs it) is killed with SIGKILL in the
 * middle of a burst of approvals. Every approval that committed must have its audit record and its outbox entry.
 */
const ROOT = resolve(__dirname, '..', '..')
const SERVER = join(ROOT, 'dist/local/server.cjs')
jest.setTimeout(120_000)

const idFor = (seq: number) => {
  const first17 = `371481${'19880512'}${String(seq).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

function start(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`gateway did not start:\n${out}`)), 30_000)
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/)
      if (m) {
        clearTimeout(timer)
        ok({ child, url: m[0] })
      }
    })
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  })
}

let dataDir: string
beforeAll(() => {
  // The test is about the shipped bundle, so build it from the current sources.
  execFileSync(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, stdio: 'ignore' })
  dataDir = mkdtempSync(join(tmpdir(), 'gh-kill-'))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('2.1 kill -9 during a burst of approvals: every committed approval has exactly one audit record and one outbox entry', async () => {
  const { child, url } = await start(dataDir)
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: await res.json() }
  }
  const login = async (openid: string) => (await post('/api/dev/login', { openid })).json.data.token as string
  const admin = await login('demo-admin')
  const ids: string[] = []
  for (let i = 0; i < 40; i++) {
    const r = await post(
      '/api/membership',
      {
        action: 'apply',
        data: {
          name: '李卫东',
          gender: '男',
          ethnicity: '汉族',
          idNumber: idFor(2 * i + 1),
          phone: '13712345678',
          education: '大专',
          politicalStatus: '群众',
          employer: '某某小饭馆',
          occupation: '厨师',
          hukouType: 'urban',
          newEmploymentType: 'none',
          region: 'area-hujia',
          consent: true,
        },
      },
      await login(`kill-${i}`),
    )
    expect(r.status).toBe(200)
    ids.push(r.json.data.id)
  }
  const answered: string[] = []
  const calls = ids.map((id) =>
    post('/api/membership', { action: 'review', data: { id, decision: 'approve' } }, admin)
      .then((r) => {
        if (r.status === 200) answered.push(id)
      })
      .catch(() => undefined),
  )
  // Kill once some approvals are through and the rest are in flight.
  const exited = new Promise((r) => child.once('exit', r))
  let settled = false
  void Promise.all(calls).then(() => (settled = true))
  while (answered.length < 8 && !settled) await new Promise((r) => setTimeout(r, 2))
  child.kill('SIGKILL')
  await Promise.all(calls)
  await exited

  const store = new SqliteStore({ file: join(dataDir, 'gonghui.db'), indexes: STORE_INDEXES })
  try {
    const approved = await store.find<{ _id: string; applicantOpenid: string }>('applications', {
      where: { status: 'approved', _id: { $in: ids } },
      limit: 100,
    })
    // Everything answered 200 was committed; some may have committed without their answer getting out.
    expect(approved.length).toBeGreaterThanOrEqual(answered.length)
    for (const id of answered) expect(approved.some((a) => a._id === id)).toBe(true)
    for (const a of approved) {
      expect(await store.count('audit_log', { action: 'membership.review', targetId: a._id })).toBe(1)
      expect(await store.count('outbox', { openid: a.applicantOpenid, template: 'membership_review' })).toBe(1)
    }
    // And nothing for what did not commit.
    const pending = ids.filter((id) => !approved.some((a) => a._id === id))
    for (const id of pending) expect(await store.count('audit_log', { targetId: id })).toBe(0)
  } finally {
    await store.close()
  }
})
