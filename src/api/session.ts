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

/** In local mode without a token, sends the user to the persona picker and returns false. */
export function ensureSignedIn(): boolean {
  if (!isLocalMode() || getToken()) return true
  Taro.reLaunch({ url: LOGIN_PAGE })
  return false
}
