// A fake `wx` for the logic-layer sandbox. Every API name comes from miniprogram-api-typings (Taro builds
// `Taro.*` from `Object.keys(wx)`, so a missing name would hide a call); the behaviour is the least a real phone
// does: async APIs answer through success/fail/complete on a later tick, and the ones a user can back out of
// answer "fail cancel", as when the user backs out, so that an uncaught cancellation shows as an unhandled rejection.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Every method name of `interface Wx` in the typings. */
export function wxApiNames() {
  const file = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts')
  const text = readFileSync(file, 'utf8')
  const start = text.indexOf('interface Wx {')
  const names = new Set()
  // Methods of interface Wx sit at 8 spaces of indentation; its closing brace at 4.
  let inComment = false
  for (const line of text.slice(start).split('\n').slice(1)) {
    // Doc comments hold code examples whose braces would end the interface early.
    if (inComment) {
      if (line.includes('*/')) inComment = false
      continue
    }
    if (/^\s*\/\*/.test(line)) {
      inComment = !line.includes('*/')
      continue
    }
    if (/^ {4}\}/.test(line)) break
    const m = /^ {8}([a-zA-Z][a-zA-Z0-9]*)\s*[<(:]/.exec(line)
    if (m) names.add(m[1])
  }
  return [...names]
}

/** APIs whose sheet, dialog or picker the user can close without choosing: they fail with "fail cancel". */
export const CANCELLABLE = [
  'makePhoneCall',
  'openLocation',
  'chooseLocation',
  'chooseImage',
  'chooseMedia',
  'chooseVideo',
  'chooseMessageFile',
  'chooseAddress',
  'chooseContact',
  'chooseInvoiceTitle',
  'scanCode',
  'showActionSheet',
  'navigateToMiniProgram',
  'shareFileMessage',
  'addPhoneContact',
  'requestPayment',
]
/** APIs a user refuses through a permission prompt: "fail auth deny". */
const DENIABLE = ['getUserProfile', 'saveImageToPhotosAlbum']
/** The persona stands in the demo county's city centre (乐陵) and lets the mini-program locate them. */
const HERE = { latitude: 37.7306, longitude: 117.2166, accuracy: 30, altitude: 0, speed: 0, verticalAccuracy: 0, horizontalAccuracy: 30 }

const SYSTEM_INFO = {
  brand: 'iPhone',
  model: 'iPhone 8',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 603,
  statusBarHeight: 20,
  safeArea: { top: 20, left: 0, right: 375, bottom: 667, width: 375, height: 647 },
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 12.5.7',
  platform: 'ios',
  SDKVersion: '3.6.0',
  theme: 'light',
  fontSizeSetting: 16,
  enableDebug: false,
  benchmarkLevel: 1,
}

/** An object whose every method returns itself (chains), for create*Context / *Manager / selector queries. */
function chainable(hooks = {}) {
  const target = {}
  const proxy = new Proxy(target, {
    get(_, key) {
      if (key in hooks) return hooks[key]
      if (key === 'then' || typeof key === 'symbol') return undefined
      return () => proxy
    },
  })
  return proxy
}

/**
 * @param {object} host
 * @param {(fn: () => void) => void} host.later  run on a later tick, tracked by the sandbox
 * @param {(name: string, data: object) => Promise<unknown>} host.callFunction  the gateway as the persona
 * @param {(kind: string, url: string) => string | null} host.navigate  null when fine, else the fail message
 * @param {(msg: string) => void} host.note  for the report
 * @param {<T>(value: T) => T} host.adopt  a copy made in the sandbox's realm (its Array, its Object)
 */
export function createWx(host) {
  const storage = new Map()
  const wx = {}
  const answer = (name, opts, ok, result) => {
    host.later(() => {
      const res = host.adopt({ errMsg: `${name}:${ok ? 'ok' : result}`, ...(ok ? result : {}) })
      try {
        if (ok) opts?.success?.(res)
        else opts?.fail?.(res)
      } finally {
        opts?.complete?.(res)
      }
    })
  }
  for (const name of wxApiNames()) {
    if (/^(on|off)[A-Z]/.test(name)) wx[name] = () => undefined
    else if (/Sync$/.test(name)) wx[name] = () => undefined
    else if (/^(create|get)[A-Za-z]*(Context|Manager|Observer|Query|Animation|Worker|Task)$/.test(name)) wx[name] = () => chainable()
    else if (CANCELLABLE.includes(name)) wx[name] = (opts) => answer(name, opts, false, 'fail cancel')
    else if (DENIABLE.includes(name)) wx[name] = (opts) => answer(name, opts, false, 'fail auth deny')
    else wx[name] = (opts) => answer(name, opts, true, {})
  }
  Object.assign(wx, {
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getSystemSetting: () => ({ locationEnabled: true, wifiEnabled: true, bluetoothEnabled: false }),
    getAppAuthorizeSetting: () => ({ locationAuthorized: 'authorized', cameraAuthorized: 'not determined' }),
    getSystemInfo: (opts) => answer('getSystemInfo', opts, true, { ...SYSTEM_INFO }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'release', version: '' } }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (opts) =>
      storage.has(opts.key)
        ? answer('getStorage', opts, true, { data: storage.get(opts.key) })
        : answer('getStorage', opts, false, 'fail data not found'),
    setStorage: (opts) => {
      storage.set(opts.key, opts.data)
      answer('setStorage', opts, true, {})
    },
    removeStorage: (opts) => {
      storage.delete(opts.key)
      answer('removeStorage', opts, true, {})
    },
    getSetting: (opts) => answer('getSetting', opts, true, { authSetting: { 'scope.userLocation': true } }),
    getLocation: (opts) => answer('getLocation', opts, true, HERE),
    getFuzzyLocation: (opts) => answer('getFuzzyLocation', opts, true, HERE),
    login: (opts) => answer('login', opts, true, { code: 'sandbox-code' }),
    checkSession: (opts) => answer('checkSession', opts, true, {}),
    // Cancel, as the user who backs out of a dialog: the page must not then do the irreversible thing.
    showModal: (opts) => answer('showModal', opts, true, { confirm: false, cancel: true }),
    requestSubscribeMessage: (opts) =>
      answer('requestSubscribeMessage', opts, true, Object.fromEntries((opts?.tmplIds ?? []).map((id) => [id, 'reject']))),
    getNetworkType: (opts) => answer('getNetworkType', opts, true, { networkType: 'wifi' }),
    nextTick: (fn) => host.later(fn),
    canIUse: () => true,
    createSelectorQuery: () => {
      const q = chainable({
        exec: (cb) => host.later(() => cb?.([])),
      })
      return q
    },
    env: { USER_DATA_PATH: 'wxfile://usr' },
    cloud: {
      init: () => undefined,
      callFunction(opts) {
        const p = host
          .callFunction(opts.name, opts.data ?? {})
          .then((result) => host.adopt({ errMsg: 'cloud.callFunction:ok', result, requestID: 'sandbox' }))
        if (!opts.success && !opts.fail && !opts.complete) return p
        p.then(
          (res) => host.later(() => (opts.success?.(res), opts.complete?.(res))),
          (e) => host.later(() => (opts.fail?.({ errMsg: 'cloud.callFunction:fail ' + e.message }), opts.complete?.({}))),
        )
        return undefined
      },
      getTempFileURL(opts) {
        const fileList = (opts.fileList ?? []).map((f) => {
          const fileID = typeof f === 'string' ? f : f.fileID
          return { fileID, tempFileURL: 'https://sandbox.invalid/' + encodeURIComponent(fileID), status: 0, errMsg: 'ok' }
        })
        const res = host.adopt({ errMsg: 'cloud.getTempFileURL:ok', fileList })
        if (!opts.success && !opts.complete) return Promise.resolve(res)
        host.later(() => (opts.success?.(res), opts.complete?.(res)))
        return undefined
      },
      uploadFile: (opts) =>
        Promise.reject(Object.assign(new Error('cloud.uploadFile:fail sandbox'), { errMsg: 'cloud.uploadFile:fail sandbox' }, opts && {})),
      downloadFile: () => Promise.reject(Object.assign(new Error('cloud.downloadFile:fail sandbox'), { errMsg: 'cloud.downloadFile:fail sandbox' })),
    },
  })
  for (const kind of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch']) {
    wx[kind] = (opts) => {
      const failure = host.navigate(kind, opts?.url ?? '')
      answer(kind, opts, !failure, failure ? `fail ${failure}` : {})
    }
  }
  wx.navigateBack = (opts) => {
    const failure = host.navigate('navigateBack', String(opts?.delta ?? 1))
    answer('navigateBack', opts, !failure, failure ? `fail ${failure}` : {})
  }
  return wx
}
