jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { getCurrentInstance: () => ({ router: null }) } }))
import { loginUrl, safeReturnTo } from '../../src/api/session'
import { isChunkLoadError } from '../../src/utils/loadErrors'

describe('coming back after sign-in', () => {
  test('a page of ours with its query is remembered; the login page and foreign URLs are not', () => {
    expect(safeReturnTo('/pages/stations/detail/index?id=st-yto')).toBe('/pages/stations/detail/index?id=st-yto')
    expect(safeReturnTo('pages/membership/card/index')).toBe('/pages/membership/card/index')
    expect(safeReturnTo('/pages/login/index?redirect=x')).toBeNull()
    expect(safeReturnTo('https://evil.example/pages/x')).toBeNull()
    expect(safeReturnTo('//evil.example/x')).toBeNull()
    expect(safeReturnTo('')).toBeNull()
  })
  test('the login URL carries the route, except for the tab pages', () => {
    expect(loginUrl('/pages/stations/detail/index?id=st-yto')).toBe('/pages/login/index?redirect=%2Fpages%2Fstations%2Fdetail%2Findex%3Fid%3Dst-yto')
    expect(loginUrl('/pages/home/index')).toBe('/pages/login/index')
    expect(loginUrl('')).toBe('/pages/login/index')
  })
})

describe('chunk load failures', () => {
  test('webpack ChunkLoadErrors (JS and CSS) are recognised, other errors are not', () => {
    const e = Object.assign(new Error('Loading chunk 123 failed.\n(error: http://x/js/123.js)'), { name: 'ChunkLoadError' })
    expect(isChunkLoadError(e)).toBe(true)
    expect(isChunkLoadError(new Error('Loading CSS chunk 7 failed.\n(/css/7.css)'))).toBe(true)
    expect(isChunkLoadError('Uncaught ChunkLoadError: Loading chunk 5 failed.')).toBe(true)
    expect(isChunkLoadError(new TypeError('x is undefined'))).toBe(false)
    expect(isChunkLoadError(null)).toBe(false)
  })
})
