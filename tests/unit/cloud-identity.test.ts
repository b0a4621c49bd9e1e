/** Who is calling a cloud function, as the entry point decides it before dispatch. */
import { callerOpenid, withoutUserInfo } from '../../cloudfunctions/_core/cloud'

describe('cloud entry: identity', () => {
  const sdkSays = (openId: string) => ({ auth: () => ({ getUserInfo: () => ({ openId }) }) })

  test('a client-sent userInfo never reaches dispatch', () => {
    expect(withoutUserInfo({ action: 'me', data: {}, userInfo: { openId: 'forged' } })).toEqual({ action: 'me', data: {} })
    expect(withoutUserInfo('x')).toBe('x')
    expect(withoutUserInfo(null)).toBeNull()
  })

  test('the openid comes from the invocation context, else from the SDK, never from the event', () => {
    const context = { environment: JSON.stringify({ WX_OPENID: 'o-context' }) }
    expect(callerOpenid(sdkSays('o-sdk'), context)).toBe('o-context')
    expect(callerOpenid(sdkSays('o-sdk'), { not: 'a cloudbase context' })).toBe('o-sdk')
    expect(callerOpenid(sdkSays(''), undefined)).toBeNull()
  })
})
