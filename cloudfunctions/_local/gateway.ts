import http from 'node:http'
import { existsSync } from 'node:fs'
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

export interface GatewayOptions {
  store: Store
  key: Buffer
  notifier: Notifier
  keys: Keys
  /** the built H5 app; omitted in API-only tests */
  staticDir?: string
  log?: Logger
  now?: () => Date
}

/** CSV imports are the largest bodies; anything bigger is refused before it is read whole. */
const MAX_BODY = 3 * 1024 * 1024

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new BodyTooLarge())
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, result: ApiResult<unknown>) {
  const status = result.ok ? 200 : HTTP_STATUS[result.error.code]
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
  const statics = opts.staticDir && existsSync(opts.staticDir) ? sirv(opts.staticDir, { single: true, dev: false, etag: true }) : null

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    if (req.method === 'GET' && path === '/api/dev/personas') {
      return send(res, { ok: true, data: PERSONAS.map(({ openid, name, description }) => ({ openid, name, description })) })
    }
    if (req.method === 'GET' && path === '/api/dev/outbox') {
      const items = await opts.store.find('outbox', { orderBy: [['sentAt', 'desc']], limit: 100 })
      return send(res, { ok: true, data: items })
    }
    if (req.method !== 'POST') return send(res, { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } })

    let raw: string
    try {
      raw = await readBody(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) return send(res, bad('body', '请求内容过大（最多 3MB）'))
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

    const fn = path.slice('/api/'.length)
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, fn)) return send(res, { ok: false, error: { code: 'NOT_FOUND', message: '云函数不存在' } })
    const auth = req.headers.authorization ?? ''
    const openid = auth.startsWith('Bearer ') ? verifyToken(opts.key, auth.slice(7).trim()) : null
    const started = Date.now()
    const result = await dispatch(FUNCTIONS[fn], body, openid, { store: opts.store, log, notifier: opts.notifier, now: opts.now, keys: opts.keys })
    log.info('call', { fn, action: (body as { action?: unknown })?.action, ok: result.ok, code: result.ok ? undefined : result.error.code, ms: Date.now() - started })
    send(res, result)
  }

  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path.startsWith('/api/')) {
      handleApi(req, res, path).catch((e) => {
        log.error('gateway_failed', { error: e instanceof Error ? e.stack : String(e) })
        if (!res.headersSent) send(res, { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
      })
      return
    }
    if (statics) return statics(req, res, () => send(res, { ok: false, error: { code: 'NOT_FOUND', message: '页面不存在' } }))
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 应用尚未构建：请运行 npm start')
  })
}
