import http from 'node:http'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import sirv from 'sirv'
import { HTTP_STATUS, type ApiResult } from '../../src/contracts/result'
import { dispatch } from '../_core/contract'
import { consoleLogger, type Logger } from '../_core/log'
import type { Notifier } from '../_core/notify'
import type { Store } from '../_core/store/port'
import type { Keys } from '../_core/keys'
import { FUNCTIONS } from './registry'
import { PERSONAS } from './seed/personas'
import { issueToken, verifyToken } from './sessions'
import { hasAnyRole, loadCaller } from '../_core/auth'
import type { OutboxDoc } from '../_core/outbox'
import { handleFileGet, handleUpload } from './files'
import { localFiles, type FileStorage } from '../_core/files'
import { demoPhoneVerifier, type DemoPhoneVerifier } from './phone-demo'

export interface GatewayOptions {
  store: Store
  key: Buffer
  notifier: Notifier
  keys: Keys
  /** the built H5 app; omitted in API-only tests */
  staticDir?: string
  log?: Logger
  now?: () => Date
  /**
   * Host names accepted besides 127.0.0.1, localhost and [::1] (a LAN demo); defaults to the comma-separated
   * GATEWAY_ALLOWED_HOSTS. Anything else is refused, so a DNS-rebinding page cannot reach the dev endpoints.
   */
  allowedHosts?: string[]
  /** stands in for WeChat's 手机号快速验证 (更换手机号); one is made when omitted */
  phoneDemo?: DemoPhoneVerifier
  /** where uploads and exports are kept; a folder under DATA_DIR (or FILES_DIR) when omitted */
  files?: FileStorage
}

/** CSV imports are the largest bodies; anything bigger is refused before it is read whole. */
const MAX_BODY = 3 * 1024 * 1024

/** Past this the rest of an oversized body is not even drained: the connection is dropped. */
const MAX_DRAIN = 64 * 1024 * 1024

class BodyTooLarge extends Error {}

/**
 * Reads the body up to MAX_BODY. Beyond it the rest is read and thrown away (so the client, still sending, can
 * read the 413 answer instead of a reset connection), up to MAX_DRAIN.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) tooLarge = true
      if (size > MAX_DRAIN) {
        req.destroy()
        return
      }
      if (!tooLarge) chunks.push(c)
      else chunks.length = 0
    })
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

/** What the log may say about a caller-chosen `action`: short, printable, whatever was sent. */
function actionSummary(action: unknown): string {
  if (typeof action === 'string') {
    const clean = action.slice(0, 64).replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '?')
    return action.length > 64 ? `${clean}…(${action.length})` : clean
  }
  if (Array.isArray(action)) return `[array ${action.length}]`
  return action === null ? 'null' : `[${typeof action}]`
}

/** 'demo-worker' → 'dem****er': enough to tell entries apart, not to sign in as someone. */
function maskOpenid(openid: string): string {
  return openid.length <= 5 ? '****' : `${openid.slice(0, 3)}****${openid.slice(-2)}`
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]']

function send(res: http.ServerResponse, result: ApiResult<unknown>, statusOverride?: number) {
  const status = statusOverride ?? (result.ok ? 200 : HTTP_STATUS[result.error.code])
  const body = JSON.stringify(result)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(body)
}

const bad = (path: string, message: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'VALIDATION_FAILED', message, fields: [{ path, message }] },
})

/**
 * The local stand-in for CloudBase: `POST /api/<function>` runs the same action tables the cloud
 * functions export, with identity from a signed session token instead of WeChat.
 */
export function createGateway(opts: GatewayOptions): http.Server {
  const log = opts.log ?? consoleLogger
  // No WeChat here: the profile function exchanges codes this gateway issued at /api/dev/phone-code instead.
  const phoneDemo = opts.phoneDemo ?? demoPhoneVerifier(opts.now)
  const files = opts.files ?? localFiles()
  const statics = opts.staticDir ? staticFiles(opts.staticDir) : null

  const allowedHosts = new Set(
    [...LOOPBACK, ...(opts.allowedHosts ?? (process.env.GATEWAY_ALLOWED_HOSTS ?? '').split(','))].map((h) => h.trim().toLowerCase()).filter(Boolean),
  )

  /**
   * Only requests addressed to this gateway by one of its own names and port (no DNS rebinding), and no
   * cross-site browser requests (another page making the visitor's browser call the dev login).
   */
  function refusal(req: http.IncomingMessage): string | null {
    const host = (req.headers.host ?? '').toLowerCase()
    const port = String(req.socket.localPort ?? '')
    const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d+))?$/.exec(host)
    if (!m || !allowedHosts.has(m[1]) || (m[2] ?? '80') !== port) return 'host'
    const origin = req.headers.origin
    if (origin !== undefined) {
      let originHost: string
      try {
        originHost = new URL(origin).host.toLowerCase()
      } catch {
        return 'origin'
      }
      if (originHost !== host) return 'origin'
    }
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'sec-fetch-site'
    return null
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const auth = req.headers.authorization ?? ''
    const openid = auth.startsWith('Bearer ') ? verifyToken(opts.key, auth.slice(7).trim()) : null
    if (req.method === 'GET' && path === '/api/dev/personas') {
      return send(res, { ok: true, data: PERSONAS.map(({ openid, name, description }) => ({ openid, name, description })) })
    }
    if (req.method === 'GET' && path === '/api/dev/outbox') {
      // Each person their own notices; the admin everyone's, with masked recipients.
      if (!openid) return send(res, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
      const caller = await loadCaller(opts.store, openid)
      const admin = hasAnyRole(caller, ['admin'])
      const items = await opts.store.find<OutboxDoc>('outbox', { where: admin ? {} : { openid }, orderBy: [['createdAt', 'desc']], limit: 100 })
      const data = items.map(({ _id, openid: to, template, title, body, page, data, createdAt, status, sentAt }) => ({
        id: _id,
        openid: admin && to !== openid ? maskOpenid(to) : to,
        template,
        title,
        body,
        page,
        data,
        createdAt,
        status,
        sentAt,
      }))
      return send(res, { ok: true, data })
    }
    if (req.method === 'PUT' && path.startsWith('/api/upload/')) return handleUpload(files, req, res, openid, path, send)
    if (req.method === 'GET' && path.startsWith('/api/files/')) return handleFileGet(files, req, res, path)
    if (req.method !== 'POST') return send(res, { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } })

    let raw: string
    try {
      raw = await readBody(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close')
        return send(res, bad('body', '请求内容过大（最多 3MB），请分批提交'), 413)
      }
      throw e
    }
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      return send(res, bad('body', '请求内容不是合法的 JSON'))
    }

    if (path === '/api/dev/login') {
      const openid = (body as { openid?: unknown } | undefined)?.openid
      if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return send(res, bad('openid', '请选择一个演示身份'))
      return send(res, { ok: true, data: { token: issueToken(opts.key, openid) } })
    }

    if (path === '/api/dev/phone-code') {
      // 本地演示 of 手机号快速验证: the signed-in page names a number and gets the one-time code WeChat would give.
      // Any digits pass here, as WeChat may vouch for a number the profile function will not take (not mainland).
      if (!openid) return send(res, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
      const phone = (body as { phone?: unknown } | undefined)?.phone
      if (typeof phone !== 'string' || !/^\d{1,20}$/.test(phone.trim())) return send(res, bad('phone', '请输入要验证的手机号（数字）'))
      return send(res, { ok: true, data: { code: phoneDemo.issue(phone.trim()) } })
    }

    const fn = path.slice('/api/'.length)
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, fn)) return send(res, { ok: false, error: { code: 'NOT_FOUND', message: '云函数不存在' } })
    const started = Date.now()
    const result = await dispatch(FUNCTIONS[fn], body, openid, {
      store: opts.store,
      log,
      notifier: opts.notifier,
      now: opts.now,
      keys: opts.keys,
      files,
      phone: phoneDemo,
    })
    const action = body && typeof body === 'object' && !Array.isArray(body) ? (body as { action?: unknown }).action : undefined
    log.info('call', { fn, action: actionSummary(action), ok: result.ok, code: result.ok ? undefined : result.error.code, ms: Date.now() - started })
    send(res, result)
  }

  return http.createServer((req, res) => {
    const refused = refusal(req)
    if (refused) {
      log.info('request_refused', { check: refused })
      res.setHeader('connection', 'close')
      return send(res, { ok: false, error: { code: 'FORBIDDEN', message: '请求来源不被允许（本地网关只接受本机地址的同源请求）' } })
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path.startsWith('/api/')) {
      handleApi(req, res, path).catch((e) => {
        log.error('gateway_failed', { error: e instanceof Error ? e.stack : String(e) })
        if (!res.headersSent) send(res, { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
      })
      return
    }
    if (statics && existsSync(join(opts.staticDir!, 'index.html'))) {
      try {
        return statics(req, res, () => send(res, { ok: false, error: { code: 'NOT_FOUND', message: '页面不存在' } }))
      } catch (e) {
        // A file removed between sirv's exists and stat checks (a build in progress).
        log.info('static_failed', { error: String(e) })
        if (!res.headersSent) return send(res, { ok: false, error: { code: 'NOT_FOUND', message: '页面不存在' } })
        return
      }
    }
    // Not built yet, or being rebuilt right now (a build empties dist/h5 first): say so and stay up.
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' })
    res.end('H5 应用尚未构建或正在重新构建：请运行 npm start，或稍候刷新')
  })
}

/**
 * dist/h5 served from disk, looked up on every request (sirv's dev mode): a rebuild's new files are served without
 * a restart, and a file deleted under the running gateway is a 404 rather than a stream error that kills it.
 */
function staticFiles(dir: string) {
  return sirv(dir, { single: true, dev: true, etag: true })
}
