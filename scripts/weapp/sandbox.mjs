// WeChat's logic layer, modelled in node:vm closely enough to run Taro's weapp output unchanged and to fail
// where a phone would: only WeChat's globals (no window, document, process, URL, TextEncoder, atob), no eval or
// new Function, every file inside WeChat's define() wrapper, a subpackage's files loadable only by that
// subpackage once it is opened, and setData with WeChat's path syntax and its 1 MB limit.
import { existsSync, readFileSync } from 'node:fs'
import { posix } from 'node:path'
import vm from 'node:vm'
import { createWx } from './wx.mjs'

/** Names WeChat passes as undefined parameters of every file's define() wrapper. */
const SHADOWED = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
]

/** ES2021+ built-ins an old iOS JavaScriptCore lacks (iOS 12–14); the old-iOS mode deletes them. */
const MODERN = [
  ['Promise', 'any'],
  ['Promise', 'withResolvers'],
  ['Object', 'hasOwn'],
  ['Object', 'groupBy'],
  ['Map', 'groupBy'],
  ['Array.prototype', 'at'],
  ['Array.prototype', 'findLast'],
  ['Array.prototype', 'findLastIndex'],
  ['Array.prototype', 'toSorted'],
  ['Array.prototype', 'toReversed'],
  ['Array.prototype', 'toSpliced'],
  ['Array.prototype', 'with'],
  ['String.prototype', 'at'],
  ['String.prototype', 'replaceAll'],
  ['String.prototype', 'isWellFormed'],
  ['String.prototype', 'toWellFormed'],
  ['Object.getPrototypeOf(Int8Array.prototype)', 'at'],
  ['Object.getPrototypeOf(Int8Array.prototype)', 'findLast'],
  ['Object.getPrototypeOf(Int8Array.prototype)', 'findLastIndex'],
  ['globalThis', 'AggregateError'],
  ['globalThis', 'WeakRef'],
  ['globalThis', 'FinalizationRegistry'],
]

export const SETDATA_LIMIT = 1024 * 1024

/** Compiled once per file and run in each fresh context: opening a page cold stays cheap. */
const scriptCache = new Map()
function compiled(dir, file) {
  const key = dir + '\0' + file
  let script = scriptCache.get(key)
  if (!script) {
    const source = readFileSync(posix.join(dir, file), 'utf8')
    const wrapped = `define(${JSON.stringify(file)}, function(require, module, exports, ${SHADOWED.join(', ')}) {${source}\n});`
    script = new vm.Script(wrapped, { filename: posix.join(dir, file) })
    scriptCache.set(key, script)
  }
  return script
}

/**
 * WeChat's setData path syntax: `a.b[0].c`, and Taro's `root.cn.[0].cn.[2]`. Returns the segments (strings
 * for keys, numbers for indexes).
 */
export function parsePath(path) {
  const out = []
  const re = /([^.[\]]+)|\[(\d+)\]/g
  let m
  let last = 0
  while ((m = re.exec(path))) {
    const between = path.slice(last, m.index)
    if (between && between !== '.') throw new Error(`setData: bad path "${path}"`)
    out.push(m[2] !== undefined ? Number(m[2]) : m[1])
    last = re.lastIndex
  }
  if (last !== path.length || out.length === 0) throw new Error(`setData: bad path "${path}"`)
  return out
}

export function applySetData(data, patch) {
  for (const [path, value] of Object.entries(patch)) {
    const segs = parsePath(path)
    let target = data
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i]
      if (target[seg] === null || typeof target[seg] !== 'object') target[seg] = typeof segs[i + 1] === 'number' ? [] : {}
      target = target[seg]
    }
    // WeChat copies the value into the view layer: later changes to the logic-layer object do not leak in.
    target[segs[segs.length - 1]] = value === undefined ? undefined : JSON.parse(JSON.stringify(value))
  }
}

/** Page paths of app.json with the subpackage root each belongs to ('' for the main package). */
export function appPages(appJson) {
  const pages = appJson.pages.map((p) => ({ path: p, root: '' }))
  for (const sub of appJson.subPackages ?? appJson.subpackages ?? []) {
    const root = sub.root.replace(/\/$/, '')
    for (const p of sub.pages) pages.push({ path: `${root}/${p}`, root })
  }
  return pages
}

/**
 * One cold start of the mini-program. `issues` collects everything that makes a page fail.
 * @param {object} opts
 * @param {string} opts.dir  dist/weapp
 * @param {boolean} [opts.oldIos]  delete ES2021+ built-ins
 * @param {(name: string, data: object) => Promise<string>} opts.callFunction  gateway answer as JSON text
 */
export function createApp({ dir, oldIos = false, callFunction }) {
  const appJson = JSON.parse(readFileSync(posix.join(dir, 'app.json'), 'utf8'))
  const pages = appPages(appJson)
  const pagePaths = new Set(pages.map((p) => p.path))
  const tabPaths = new Set((appJson.tabBar?.list ?? []).map((t) => t.pagePath))
  const subRoots = [...new Set(pages.map((p) => p.root).filter(Boolean))]
  const rootOf = (file) => subRoots.find((r) => file.startsWith(r + '/')) ?? ''

  const issues = []
  const issue = (kind, message) => issues.push({ kind, message: String(message).slice(0, 600) })
  const navigations = []
  /** handle → when it fires; a debounce or a retry due soon is work still to come. */
  const timers = new Map()
  let pending = 0
  let lastActivity = Date.now()
  let largestSetData = 0
  const opened = new Set()
  const modules = new Map()
  const defined = new Map()
  const stack = []
  let appInstance = null
  let registering = null
  const pageConfigs = new Map()
  const components = new Map()

  const consoleShim = {
    log: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    warn: (...a) => {
      const text = a.map(String).join(' ')
      // React's and Taro's own development-only hints do not reach a production build; anything else is a defect.
      if (/WXMLRT|Template/.test(text)) issue('template', text)
    },
    error: (...a) => issue('console.error', a.map((x) => (x instanceof Object && 'stack' in x ? x.stack : safeJson(x))).join(' ')),
  }

  const track = (fn, ms, repeat) => {
    const handle = (repeat ? setInterval : setTimeout)(() => {
      if (!repeat) timers.delete(handle)
      lastActivity = Date.now()
      guard(fn)
    }, ms)
    timers.set(handle, { due: Date.now() + (Number(ms) || 0), repeat })
    return handle
  }
  const untrack = (handle) => {
    timers.delete(handle)
    clearTimeout(handle)
    clearInterval(handle)
  }
  function guard(fn, ...args) {
    try {
      return typeof fn === 'function' ? fn(...args) : undefined
    } catch (e) {
      issue('thrown', e?.stack ?? e)
    }
  }

  const sandbox = {
    console: consoleShim,
    setTimeout: (fn, ms) => track(fn, ms ?? 0, false),
    setInterval: (fn, ms) => track(fn, ms ?? 0, true),
    clearTimeout: untrack,
    clearInterval: untrack,
    App: (config) => {
      appInstance = config
    },
    Page: (config) => {
      if (!registering) return issue('thrown', 'Page() called outside a page file')
      pageConfigs.set(registering, config)
    },
    Component: (config) => {
      if (registering) components.set(registering, config)
    },
    Behavior: (b) => b,
    getApp: () => appInstance,
    getCurrentPages: () => [...stack],
    requirePlugin: () => {
      throw new Error('requirePlugin: no plugins declared')
    },
    define: (path, factory) => defined.set(path, factory),
  }
  const ctx = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false }, name: 'weapp logic layer' })
  if (oldIos) {
    vm.runInContext(MODERN.map(([owner, key]) => `delete ${owner}[${JSON.stringify(key)}];`).join('\n'), ctx)
  }
  const sandboxJson = vm.runInContext('JSON', ctx)
  const SandboxPromise = vm.runInContext('Promise', ctx)
  const adopt = (value) => (value === undefined ? undefined : sandboxJson.parse(JSON.stringify(value)))

  const wx = createWx({
    later: (fn) => track(fn, 0, false),
    adopt,
    callFunction: (name, data) => {
      pending++
      return new SandboxPromise((resolve, reject) => {
        callFunction(name, data).then(
          (text) => {
            pending--
            lastActivity = Date.now()
            resolve(sandboxJson.parse(text))
          },
          (e) => {
            pending--
            reject(new Error(String(e?.message ?? e)))
          },
        )
      })
    },
    navigate: (kind, url) => navigate(kind, url),
  })
  sandbox.wx = wx

  function resolveModule(from, request) {
    let file = request.startsWith('/') ? request.slice(1) : posix.normalize(posix.join(posix.dirname(from), request))
    if (!file.endsWith('.js')) file += '.js'
    return file
  }

  function load(file, from) {
    if (modules.has(file)) return modules.get(file).exports
    const root = rootOf(file)
    if (root && !opened.has(root))
      throw new Error(`module "${file}" is not defined (subpackage ${root} is not loaded)${from ? ` — required from ${from}` : ''}`)
    if (root && from !== null && rootOf(from) !== root)
      throw new Error(`module "${file}" is not defined: ${from} may not require a file of subpackage ${root}`)
    if (!existsSync(posix.join(dir, file))) throw new Error(`module "${file}" is not defined${from ? ` — required from ${from}` : ''}`)
    compiled(dir, file).runInContext(ctx)
    const factory = defined.get(file)
    const module = { exports: {} }
    modules.set(file, module)
    const req = (request) => load(resolveModule(file, request), file)
    const undef = SHADOWED.map(() => undefined)
    factory.call(module.exports, req, module, module.exports, ...undef)
    return module.exports
  }

  function parseUrl(url) {
    const [rawPath, query = ''] = url.split('?')
    let path = rawPath.replace(/^\//, '')
    if (stack.length && !rawPath.startsWith('/')) path = posix.normalize(posix.join(posix.dirname(stack[stack.length - 1].route), rawPath))
    const params = {}
    for (const part of query.split('&').filter(Boolean)) {
      const [k, v = ''] = part.split('=')
      params[k] = v
    }
    return { path, params, query }
  }

  function navigate(kind, url) {
    lastActivity = Date.now()
    if (kind === 'navigateBack') {
      navigations.push({ kind, url })
      if (stack.length <= 1) return 'cannot navigate back at first page'
      return null
    }
    const { path, params } = parseUrl(url)
    navigations.push({ kind, url: '/' + path + (Object.keys(params).length ? '?' + url.split('?')[1] : '') })
    if (!pagePaths.has(path)) {
      issue('navigation', `${kind} to "${url}": no such page in app.json`)
      return `page "${path}" is not found`
    }
    if (kind === 'switchTab' && !tabPaths.has(path)) {
      issue('navigation', `switchTab to "${url}": not a tabBar page`)
      return 'can not switch to no-tabBar page'
    }
    if ((kind === 'navigateTo' || kind === 'redirectTo') && tabPaths.has(path)) {
      issue('navigation', `${kind} to tabBar page "${url}" (WeChat refuses; use switchTab)`)
      return 'can not navigateTo a tabbar page'
    }
    return null
  }

  /** app.js and its requires, then onLaunch/onShow: what WeChat does before the first page. */
  function launch(path, query) {
    guard(() => load('app.js', null))
    if (!appInstance) issue('thrown', 'app.js did not call App()')
    guard(() => appInstance?.onLaunch?.call(appInstance, { path, query, scene: 1001 }))
    guard(() => appInstance?.onShow?.call(appInstance, { path, query, scene: 1001 }))
  }

  /** Opens a page the way a cold start from a shared card does: its subpackage, its file, then the lifecycle. */
  function openPage(url) {
    const { path, params } = parseUrl(url)
    const page = pages.find((p) => p.path === path)
    if (!page) {
      issue('navigation', `no page "${path}" in app.json`)
      return null
    }
    if (page.root) opened.add(page.root)
    if (!appInstance) launch(path, params)
    registering = path
    try {
      load(path + '.js', null)
    } catch (e) {
      issue('thrown', e?.stack ?? e)
    } finally {
      registering = null
    }
    const config = pageConfigs.get(path)
    if (!config) {
      issue('thrown', `${path}.js did not call Page()`)
      return null
    }
    const inst = Object.create(null)
    // WeChat copies the config's fields and methods onto the instance; data is the instance's own copy.
    for (const [k, v] of Object.entries(config)) inst[k] = v
    inst.data = JSON.parse(JSON.stringify(config.data ?? {}))
    inst.route = path
    inst.__route__ = path
    inst.options = adopt(params)
    inst.is = path
    inst.__wxWebviewId__ = stack.length + 1
    inst.__wxExparserNodeId__ = 'page-' + (stack.length + 1)
    inst.getPageId = () => 'page-' + inst.__wxWebviewId__
    inst.selectComponent = () => null
    inst.selectAllComponents = () => []
    inst.createSelectorQuery = () => wx.createSelectorQuery()
    inst.getOpenerEventChannel = () => ({ on() {}, off() {}, once() {}, emit() {} })
    inst.setData = (patch, cb) => {
      lastActivity = Date.now()
      const size = Buffer.byteLength(JSON.stringify(patch) ?? '')
      if (size > largestSetData) largestSetData = size
      if (size > SETDATA_LIMIT) {
        issue('setData', `setData of ${(size / 1024).toFixed(0)} KB exceeds WeChat's 1 MB limit`)
        return
      }
      try {
        applySetData(inst.data, patch)
      } catch (e) {
        issue('setData', e.message)
      }
      if (cb) track(cb, 0, false)
    }
    Object.setPrototypeOf(inst, vm.runInContext('Object.prototype', ctx))
    stack.push(inst)
    guard(() => inst.onLoad?.call(inst, inst.options))
    guard(() => inst.onShow?.call(inst))
    track(() => inst.onReady?.call(inst), 16, false)
    return inst
  }

  /**
   * Waits until no request is in flight, no one-off timer is due within `soonMs` (debounces, retries) and nothing
   * happened for `quietMs`; at most `maxMs`. Intervals (a QR code refreshing) never count as pending work.
   */
  async function settle({ quietMs = 120, soonMs = 1500, maxMs = 10000 } = {}) {
    const start = Date.now()
    for (;;) {
      await new Promise((r) => setTimeout(r, 15))
      const now = Date.now()
      if (now - start > maxMs) return false
      const dueSoon = [...timers.values()].some((t) => !t.repeat && t.due <= now + soonMs)
      if (pending === 0 && !dueSoon && now - lastActivity >= quietMs) return true
    }
  }

  function dispose() {
    for (const h of [...timers.keys()]) untrack(h)
    for (const inst of stack.splice(0)) guard(() => inst.onUnload?.call(inst))
    for (const h of [...timers.keys()]) untrack(h)
  }

  return {
    appJson,
    pages,
    issues,
    navigations,
    openPage,
    settle,
    dispose,
    issue,
    guard,
    components,
    get largestSetData() {
      return largestSetData
    },
    touch: () => (lastActivity = Date.now()),
  }
}

function safeJson(x) {
  if (typeof x === 'string') return x
  try {
    return JSON.stringify(x)
  } catch {
    return String(x)
  }
}
