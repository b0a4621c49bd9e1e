import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import type http from 'node:http'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { silentLogger, type Logger } from '../../cloudfunctions/_core/log'
import { createGateway } from '../../cloudfunctions/_local/gateway'
import { localNotifier } from '../../cloudfunctions/_local/outbox'
import { withLatency } from '../utils/store-wrappers'
import { seedIfEmpty } from '../../cloudfunctions/_local/seed/seed'
import { generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { localFiles, type FileStorage } from '../../cloudfunctions/_core/files'
import { CloudBaseStore } from '../../cloudfunctions/_core/store/cloudbase'
import type { Store } from '../../cloudfunctions/_core/store/port'
import { CloudBaseDouble } from '../utils/cloudbase-double'
import type { ActionName, Apis, FunctionName, InputOf, OutputOf } from '../../src/contracts/api'
import type { ApiError, ApiResult } from '../../src/contracts/result'

/**
 * An answer as the gateway sent it, typed from the contract, with the HTTP status. Either side may be read
 * without narrowing first (`r.error?.code`, `r.data?.id`): a test asserts which side it got.
 */
export type Reply<O> = ({ ok: true; data: O; error?: undefined } | { ok: false; data?: undefined; error: ApiError }) & { status: number }

/** The data argument of an action: optional when every field is. */
export type DataArg<S> = Record<string, never> extends InputOf<S> ? [data?: InputOf<S>] : [data: InputOf<S>]

/** The data argument of `fn.action`, for a test's own typed shorthand: `(who, action: A, ...data: Data<'quiz', A>)`. */
export type Data<F extends FunctionName, A extends ActionName<F>> = DataArg<Apis[F][A]>

/**
 * Calls as one person, typed from the contracts (`src/contracts/<domain>/api.ts`): the action name, its input
 * and its answer are checked where the test is written.
 */
export interface Caller {
  /** the envelope, never thrown: for tests about refusals (`expect(r.ok).toBe(false)`, `r.error.code`) */
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...data: DataArg<Apis[F][A]>): Promise<Reply<OutputOf<Apis[F][A]>>>
  /** the answer's data; a refusal throws, naming the action and the error, so setup steps need no assertions */
  ok<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, ...data: DataArg<Apis[F][A]>): Promise<OutputOf<Apis[F][A]>>
  /**
   * Input that breaks the contract on purpose (a wrong type, a missing field, an unknown action): the server
   * must refuse it, so it is not type-checked.
   */
  raw(fn: string, action: string, data?: unknown): Promise<Reply<unknown>>
}

/** The store a test asserts on: the port, plus the raw stored documents of a collection. */
export type InspectableStore = Store & { rawDump(collection: string): string[] }

export interface TestGateway {
  url: string
  store: InspectableStore
  /** the CloudBase double under the store, when the gateway runs on it */
  double?: CloudBaseDouble
  clock: { now: Date }
  login(openid: string): Promise<string>
  /** a typed caller for a session token (`await gw.login(openid)`), or none for a caller who is not signed in */
  as(token?: string): Caller
  /** untyped: `json` is whatever came back; prefer `as(token).call(…)` */
  call(fn: string, body: unknown, token?: string): Promise<{ status: number; json: any }>
  post(path: string, raw: string, token?: string): Promise<{ status: number; json: any }>
  /** what the app does before an import or a photo: ask for a path in one's own folder, then PUT the bytes there */
  upload(kind: string, name: string, bytes: Buffer, token: string): Promise<{ status: number; json: any }>
  /** reads a link an export answered (a same-origin path locally) */
  download(url: string): Promise<{ status: number; bytes: Buffer }>
  /** the folder this gateway's files live in */
  filesDir: string
  /** the gateway's file storage (ctx.files of every call), for tests that build a ctx or inspect stored files */
  files: FileStorage
  close(): Promise<void>
}

export interface GatewayOptions {
  /** wrap the store so every call takes 0..latencyMs before and after, like a cloud round trip */
  latencyMs?: number
  /** a file instead of :memory: (kill tests) */
  file?: string
  /**
   * 'cloudbase': the real CloudBaseStore over the CloudBase-semantics double (snapshot transactions that abort
   * on write conflicts, no queue), with `cloudLatencyMs` per database request; 'sqlite' (default) otherwise.
   */
  backend?: 'sqlite' | 'cloudbase'
  cloudLatencyMs?: [number, number]
  /** receives the gateway's log lines (default: silent) */
  log?: Logger
  /** extra Host names the gateway accepts (a LAN demo) */
  allowedHosts?: string[]
  /** a built H5 app to serve (as dist/h5 under npm start) */
  staticDir?: string
  /** the file storage over the gateway's folder (default: `localFiles(dir)`), e.g. one whose links fail */
  files?: (dir: string) => FileStorage
}

/**
 * The real gateway on an ephemeral 127.0.0.1 port over a seeded in-memory store, with a settable clock.
 * `store` is the raw store, for assertions; the gateway sees the latency wrapper when one is asked for.
 */
export async function startGateway(opts: GatewayOptions = {}): Promise<TestGateway> {
  let double: CloudBaseDouble | undefined
  let store: InspectableStore
  if (opts.backend === 'cloudbase') {
    const d = (double = new CloudBaseDouble())
    store = Object.assign(new CloudBaseStore(d.db(), { log: silentLogger }), {
      rawDump: (collection: string) => d.dump(collection).map((doc) => JSON.stringify(doc)),
    })
  } else store = new SqliteStore({ file: opts.file ?? ':memory:', indexes: STORE_INDEXES })
  // Each gateway its own storage folder, as each gets its own store.
  const filesDir = mkdtempSync(join(tmpdir(), 'gh-files-'))
  const files = opts.files ? opts.files(filesDir) : localFiles(filesDir)
  const clock = { now: new Date('2026-11-23T10:00:00+08:00') }
  await seedIfEmpty(store, clock.now, files)
  if (double && opts.cloudLatencyMs) double.setLatency(opts.cloudLatencyMs)
  const server: http.Server = createGateway({
    store: opts.latencyMs ? withLatency(store, opts.latencyMs) : store,
    key: randomBytes(32),
    notifier: localNotifier(silentLogger),
    log: opts.log ?? silentLogger,
    allowedHosts: opts.allowedHosts,
    staticDir: opts.staticDir,
    keys: keysFromMaterial(generateKeyMaterial()),
    now: () => clock.now,
    files,
  })
  // Rush tests open a thousand connections at once; Node's default backlog (511) would reset the overflow.
  // The server keeps an idle connection longer than fetch's pool does (4 s), so the client always closes it first:
  // on a starved machine the server's 5 s default could close a socket fetch was just reusing (ECONNRESET).
  server.keepAliveTimeout = 65_000
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post = async (path: string, raw: string, token?: string) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: raw,
    })
    return { status: res.status, json: await res.json() }
  }
  const upload = async (kind: string, name: string, bytes: Buffer, token: string) => {
    const target = await post('/api/account', JSON.stringify({ action: 'uploadTarget', data: { kind, name, size: bytes.length } }), token)
    if (!target.json.ok) return target
    const res = await fetch(`${url}/api/upload/${target.json.data.cloudPath}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: new Uint8Array(bytes),
    })
    return { status: res.status, json: await res.json() }
  }
  const download = async (link: string) => {
    const res = await fetch(new URL(link, url))
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) }
  }
  const raw = async (fn: string, action: string, data: unknown, token?: string): Promise<Reply<unknown>> => {
    const { status, json } = await post(`/api/${fn}`, JSON.stringify({ action, data: data ?? {} }), token)
    return { ...(json as ApiResult<unknown>), status }
  }
  const as = (token?: string): Caller => ({
    call: (fn, action, ...[data]) => raw(fn, action, data, token) as Promise<Reply<any>>,
    async ok(fn, action, ...[data]) {
      const r = await raw(fn, action, data, token)
      if (!r.ok)
        throw new Error(
          `${fn}.${action} was refused (${r.status}): ${r.error.code} ${r.error.message}${r.error.fields ? ' ' + JSON.stringify(r.error.fields) : ''}`,
        )
      return r.data as any
    },
    raw: (fn, action, data) => raw(fn, action, data, token),
  })
  return {
    url,
    store,
    double,
    as,
    clock,
    post,
    upload,
    download,
    filesDir,
    files,
    login: async (openid) => (await post('/api/dev/login', JSON.stringify({ openid }))).json.data.token,
    call: (fn, body, token) => post(`/api/${fn}`, JSON.stringify(body), token),
    close: async () => {
      // Idle sockets are kept a minute (above); a test ends them all rather than wait for them.
      const closed = new Promise((r) => server.close(r))
      server.closeAllConnections()
      await closed
      await store.close?.()
    },
  }
}
