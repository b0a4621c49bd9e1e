import http from 'node:http'
import type { Logger } from '../../cloudfunctions/_core/log'
import { startGateway, type TestGateway } from './harness'

/** Issue 7 (hardening), items 6 and 9: the local gateway's own endpoints and limits. */
interface Raw {
  status: number
  json: any
}
/** node:http, because fetch will not let a test set Host or Sec-Fetch-Site. */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Raw> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = text
          }
          resolve({ status: res.statusCode ?? 0, json })
        })
      },
    )
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

const lines: { event: string; detail?: Record<string, unknown> }[] = []
const capture: Logger = { info: (event, detail) => lines.push({ event, detail }), error: (event, detail) => lines.push({ event, detail }) }

let gw: TestGateway
let port: string
beforeAll(async () => {
  gw = await startGateway({ log: capture })
  port = new URL(gw.url).port
})
afterAll(() => gw.close())

describe('6 local dev endpoints', () => {
  beforeAll(async () => {
    // Two applicants get a review notice each.
    const admin = await gw.login('demo-admin')
    const { checkDigit } = await import('../../src/contracts/membership/idcard')
    const idFor = (n: number) => `37148119900307${String(n).padStart(3, '0')}`
    for (const [who, n] of [
      ['demo-worker', 811],
      ['demo-courier', 813],
    ] as const) {
      const first17 = idFor(n)
      const app = await gw.as(await gw.login(who)).call('membership', 'apply', {
        name: '王建国',
        gender: '男',
        ethnicity: '汉族',
        idNumber: first17 + checkDigit(first17),
        phone: '13812345678',
        education: '大专',
        politicalStatus: '群众',
        employer: '某某小饭馆',
        occupation: '厨师',
        hukouType: 'urban',
        newEmploymentType: 'none',
        region: 'area-hujia',
        consent: true,
      })
      expect(app.status).toBe(200)
      await gw.as(admin).call('membership', 'review', { id: app.data!.id, decision: 'approve' })
    }
  })

  test('6.1 the outbox needs a token', async () => {
    const r = await raw(gw.url, 'GET', '/api/dev/outbox', {})
    expect(r.status).toBe(401)
    expect(r.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test('6.2 a person sees only their own messages; the admin sees all, with masked openids', async () => {
    const mine = await raw(gw.url, 'GET', '/api/dev/outbox', { authorization: `Bearer ${await gw.login('demo-worker')}` })
    expect(mine.status).toBe(200)
    expect(mine.json.data.length).toBeGreaterThan(0)
    for (const n of mine.json.data) expect(n.openid).toBe('demo-worker')
    const all = await raw(gw.url, 'GET', '/api/dev/outbox', { authorization: `Bearer ${await gw.login('demo-admin')}` })
    expect(all.json.data.length).toBeGreaterThanOrEqual(2)
    const text = JSON.stringify(all.json.data)
    expect(text).not.toContain('demo-worker')
    expect(text).not.toContain('demo-courier')
    for (const n of all.json.data) expect(n.openid).toMatch(/\*/)
    const nobody = await raw(gw.url, 'GET', '/api/dev/outbox', { authorization: `Bearer ${await gw.login('demo-parent')}` })
    expect(nobody.json.data).toEqual([])
  })

  test('6.3 a request whose Host is not this machine on this port is refused (DNS rebinding)', async () => {
    const body = JSON.stringify({ openid: 'demo-admin' })
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:1`, `10.0.0.5:${port}`]) {
      const r = await raw(gw.url, 'POST', '/api/dev/login', { host }, body)
      expect([host, r.status]).toEqual([host, 403])
      expect(r.json.ok).toBe(false)
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect([host, (await raw(gw.url, 'POST', '/api/dev/login', { host }, body)).status]).toEqual([host, 200])
    }
    // Static pages too: a rebinding page must not even load the app from this origin.
    expect((await raw(gw.url, 'GET', '/', { host: 'evil.example' })).status).toBe(403)
  })

  test('6.4 cross-site browser requests are refused (Origin, Sec-Fetch-Site)', async () => {
    const body = JSON.stringify({ openid: 'demo-admin' })
    const host = `127.0.0.1:${port}`
    expect((await raw(gw.url, 'POST', '/api/dev/login', { host, origin: 'http://evil.example' }, body)).status).toBe(403)
    expect((await raw(gw.url, 'POST', '/api/dev/login', { host, 'sec-fetch-site': 'cross-site' }, body)).status).toBe(403)
    expect((await raw(gw.url, 'GET', '/api/dev/personas', { host, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(
      (await raw(gw.url, 'POST', '/api/dev/login', { host, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' }, body)).status,
    ).toBe(200)
    expect((await raw(gw.url, 'POST', '/api/dev/login', { host, 'sec-fetch-site': 'none' }, body)).status).toBe(200)
  })

  test('6.5 a LAN demo can allow its own host name', async () => {
    const lan = await startGateway({ allowedHosts: ['192.168.1.20'] })
    try {
      const p = new URL(lan.url).port
      const body = JSON.stringify({ openid: 'demo-worker' })
      expect((await raw(lan.url, 'POST', '/api/dev/login', { host: `192.168.1.20:${p}`, origin: `http://192.168.1.20:${p}` }, body)).status).toBe(200)
      expect((await raw(lan.url, 'POST', '/api/dev/login', { host: `192.168.1.21:${p}` }, body)).status).toBe(403)
    } finally {
      await lan.close()
    }
  })
})

describe('9 oversized and hostile bodies', () => {
  test('9.1 a body over the limit gets 413 with the usual JSON error, not a reset connection', async () => {
    const big = JSON.stringify({ action: 'importCsv', data: { csv: 'x'.repeat(3.5 * 1024 * 1024) } })
    const r = await raw(gw.url, 'POST', '/api/stations', { authorization: `Bearer ${await gw.login('demo-staff')}` }, big)
    expect(r.status).toBe(413)
    expect(r.json).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('3MB') } })
  })

  test('9.2 a huge or nested action value is logged as a short sanitised summary', async () => {
    lines.length = 0
    const t = await gw.login('demo-worker')
    const huge = await gw.call('stations', { action: 'a\u0000\u202e'.repeat(200_000) }, t)
    expect(huge.status).toBe(400)
    const nested = await gw.post('/api/stations', `{"action":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, t)
    expect(nested.status).toBe(400)
    const calls = lines.filter((l) => l.event === 'call')
    expect(calls).toHaveLength(2)
    for (const c of calls) {
      const text = JSON.stringify(c.detail)
      expect(text.length).toBeLessThan(300)
      // no NUL and no right-to-left override survives into the log line
      expect(/\u202e/.test(String(c.detail?.action)) || String(c.detail?.action).includes(String.fromCharCode(0))).toBe(false)
    }
    expect(lines.some((l) => l.event === 'gateway_failed')).toBe(false)
  })
})
