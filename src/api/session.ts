import Taro from '@tarojs/taro'

const TOKEN_KEY = 'gh.token'
export const LOGIN_PAGE = '/pages/login/index'
export const HOME_PAGE = '/pages/home/index'

/** H5 talks to the local gateway with a persona token; the mini-program is identified by WeChat itself. */
export function isLocalMode(): boolean {
  return process.env.TARO_ENV === 'h5'
}

export function getToken(): string {
  try {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY)
  } catch {
    // Storage can be unavailable (private mode); there is nothing left to clear then.
  }
}

export const TAB_PAGES = [HOME_PAGE, '/pages/me/index']

/**
 * Where the person is now (route and query), so that signing in can bring them back to a link they opened.
 * H5 uses hash routing: the hash is exactly the page and its query. Elsewhere Taro's router says it.
 */
function currentRoute(): string {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    const hash = window.location.hash.replace(/^#/, '')
    if (hash) return hash
  }
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return ''
  const path = router.path.split('?')[0]
  const query = Object.entries(router.params ?? {})
    .filter(([k, v]) => k !== '$taroTimestamp' && v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

/** A route worth returning to after sign-in: one of our pages, never the login page itself. */
export function safeReturnTo(route: string | undefined | null): string | null {
  if (!route) return null
  const url = route.startsWith('/') ? route : `/${route}`
  if (!/^\/pages\/[\w/-]+(\?.*)?$/.test(url) || url.startsWith(LOGIN_PAGE)) return null
  return url
}

/** The login page, told where to come back to (the current route unless given). */
export function loginUrl(returnTo: string = currentRoute()): string {
  const back = safeReturnTo(returnTo)
  return back && !TAB_PAGES.includes(back) ? `${LOGIN_PAGE}?redirect=${encodeURIComponent(back)}` : LOGIN_PAGE
}

/** After signing in: back to the page that sent the person to log in, or home. */
export function returnAfterLogin(redirect: string | undefined): Promise<unknown> {
  let raw = redirect ?? null
  try {
    // Taro may hand the query over still encoded; a route of ours decodes safely, a stray % stays as is.
    if (raw && raw.startsWith('%2F')) raw = decodeURIComponent(raw)
  } catch {
    raw = null
  }
  const back = safeReturnTo(raw)
  if (!back || TAB_PAGES.includes(back.split('?')[0])) return Taro.switchTab({ url: back?.split('?')[0] ?? HOME_PAGE })
  return Taro.reLaunch({ url: back })
}

/** In local mode without a token, sends the user to the persona picker (remembering this page) and returns false. */
export function ensureSignedIn(): boolean {
  if (!isLocalMode() || getToken()) return true
  Taro.reLaunch({ url: loginUrl() })
  return false
}
