import { wxPhoneVerifier } from '../../cloudfunctions/profile/phone-verify'
import { demoPhoneVerifier } from '../../cloudfunctions/_local/phone-demo'
import type { WxOpenApi } from '../../cloudfunctions/_core/notify-cloudbase'

function app(answer: (requestData: unknown) => unknown): { app: WxOpenApi; calls: Array<{ apiName: string; requestData: unknown }> } {
  const calls: Array<{ apiName: string; requestData: unknown }> = []
  return {
    calls,
    app: {
      callWxOpenApi: async (o) => {
        calls.push(o)
        return { result: answer(o.requestData) }
      },
    },
  }
}

describe('手机号快速验证 through CloudBase', () => {
  const lines: string[] = []
  const log = { info: () => undefined, error: (event: string, d?: Record<string, unknown>) => void lines.push(event + JSON.stringify(d ?? {})) }

  test('exchanges the code at /wxa/business/getuserphonenumber and reads the pure number and country code', async () => {
    const { app: a, calls } = app(() => ({
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: '+86 13987654321', purePhoneNumber: '13987654321', countryCode: '86' },
    }))
    expect(await wxPhoneVerifier(a, log).exchange('c0de')).toEqual({ ok: true, phone: '13987654321', countryCode: '86' })
    expect(calls).toEqual([{ apiName: '/wxa/business/getuserphonenumber', requestData: { code: 'c0de' } }])
  })

  test('an invalid or used code is the caller’s to redo; anything else on WeChat’s side is unavailable and logged without the code', async () => {
    expect(await wxPhoneVerifier(app(() => ({ errcode: 40029, errmsg: 'invalid code' })).app, log).exchange('x')).toEqual({
      ok: false,
      reason: 'invalid_code',
    })
    expect(await wxPhoneVerifier(app(() => ({ errcode: 40163, errmsg: 'code been used' })).app, log).exchange('x')).toEqual({
      ok: false,
      reason: 'invalid_code',
    })
    expect(await wxPhoneVerifier(app(() => ({ errcode: -1, errmsg: 'system error' })).app, log).exchange('secret-code')).toEqual({
      ok: false,
      reason: 'unavailable',
    })
    const throwing: WxOpenApi = {
      callWxOpenApi: async () => {
        throw new Error('network down')
      },
    }
    expect(await wxPhoneVerifier(throwing, log).exchange('secret-code')).toEqual({ ok: false, reason: 'unavailable' })
    expect(await wxPhoneVerifier(app(() => ({ errcode: 0 })).app, log).exchange('secret-code')).toEqual({ ok: false, reason: 'unavailable' })
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
