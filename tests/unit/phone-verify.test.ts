import { wxPhoneVerifier } from '../../cloudfunctions/_core/phone-verify'
import { demoPhoneVerifier } from '../../cloudfunctions/_local/phone-demo'
import type { WxCloudOpenApi } from '../../cloudfunctions/_core/wx-openapi'

/** wx-server-sdk's cloud.openapi: an answer with errCode 0, or a thrown {errCode, errMsg} for WeChat's refusals. */
function app(answer: (params: unknown) => Record<string, unknown>): { app: WxCloudOpenApi; calls: unknown[] } {
  const calls: unknown[] = []
  return {
    calls,
    app: {
      subscribeMessage: { send: async () => ({}) },
      phonenumber: {
        getPhoneNumber: async (p) => {
          calls.push(p)
          const a = answer(p)
          if (typeof a.errCode === 'number' && a.errCode !== 0) throw a
          return a
        },
      },
    },
  }
}

describe('手机号快速验证 through CloudBase', () => {
  const lines: string[] = []
  const log = { info: () => undefined, error: (event: string, d?: Record<string, unknown>) => void lines.push(event + JSON.stringify(d ?? {})) }

  test('exchanges the code through phonenumber.getPhoneNumber and reads the pure number and country code', async () => {
    const { app: a, calls } = app(() => ({
      errCode: 0,
      errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
      phoneInfo: { phoneNumber: '+86 13987654321', purePhoneNumber: '13987654321', countryCode: '86' },
    }))
    expect(await wxPhoneVerifier(a, log).exchange('c0de')).toEqual({ ok: true, phone: '13987654321', countryCode: '86' })
    expect(calls).toEqual([{ code: 'c0de' }])
  })

  test('an invalid or used code is the caller’s to redo; anything else on WeChat’s side is unavailable and logged without the code', async () => {
    expect(await wxPhoneVerifier(app(() => ({ errCode: 40029, errMsg: 'invalid code' })).app, log).exchange('x')).toEqual({
      ok: false,
      reason: 'invalid_code',
    })
    expect(await wxPhoneVerifier(app(() => ({ errCode: 40163, errMsg: 'code been used' })).app, log).exchange('x')).toEqual({
      ok: false,
      reason: 'invalid_code',
    })
    expect(await wxPhoneVerifier(app(() => ({ errCode: -1, errMsg: 'system error' })).app, log).exchange('secret-code')).toEqual({
      ok: false,
      reason: 'unavailable',
    })
    const throwing: WxCloudOpenApi = {
      subscribeMessage: { send: async () => ({}) },
      phonenumber: {
        getPhoneNumber: async () => {
          throw new Error('network down')
        },
      },
    }
    expect(await wxPhoneVerifier(throwing, log).exchange('secret-code')).toEqual({ ok: false, reason: 'unavailable' })
    expect(await wxPhoneVerifier(app(() => ({ errCode: 0 })).app, log).exchange('secret-code')).toEqual({ ok: false, reason: 'unavailable' })
    expect(lines.join('\n')).not.toContain('secret-code')
    expect(lines.some((l) => l.includes('"errcode":-1'))).toBe(true)
  })
})

describe('the local gateway’s 本地演示 verification', () => {
  test('a code works once and for five minutes, like WeChat’s', async () => {
    let now = new Date('2026-11-23T10:00:00+08:00')
    const demo = demoPhoneVerifier(() => now)
    const code = demo.issue('13512345678')
    expect(await demo.exchange(code)).toEqual({ ok: true, phone: '13512345678', countryCode: '86' })
    expect(await demo.exchange(code)).toEqual({ ok: false, reason: 'invalid_code' })
    const late = demo.issue('13512345678')
    now = new Date(now.getTime() + 5 * 60_000)
    expect(await demo.exchange(late)).toEqual({ ok: false, reason: 'invalid_code' })
  })
})
