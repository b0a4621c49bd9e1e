import { consoleLogger, type Logger } from './log'
import { openApiAnswer, type WxCloudOpenApi } from './wx-openapi'

/**
 * The number behind a 手机号快速验证 code. WeChat's codes are one-time and last 5 minutes; a code that is
 * unknown, used or expired is `invalid_code`, anything on WeChat's side (quota, outage) is `unavailable`.
 */
type PhoneCheck = { ok: true; phone: string; countryCode: string } | { ok: false; reason: 'invalid_code' | 'unavailable' }

/** The one thing 更换手机号 needs from the platform, as a port so tests and the local gateway can stand in. */
export interface PhoneVerifier {
  exchange(code: string): Promise<PhoneCheck>
}

/** WeChat's answers that mean "this code will never work": 40029 invalid code, 40163 code already used. */
const DEAD_CODE = [40029, 40163]

/**
 * phonenumber.getPhoneNumber through 云调用 (wx-server-sdk's cloud.openapi; see _core/wx-openapi.ts), no access
 * token to keep. The function must be granted `phonenumber.getPhoneNumber` in its config.json
 * (cloudfunctions/profile/config.json). The log gets WeChat's error code, never the number.
 */
export function wxPhoneVerifier(openapi: WxCloudOpenApi, log: Logger = consoleLogger): PhoneVerifier {
  return {
    async exchange(code) {
      try {
        const answer = await openApiAnswer(() => openapi.phonenumber.getPhoneNumber({ code }))
        if (answer.errcode !== 0) {
          if (DEAD_CODE.includes(answer.errcode)) return { ok: false, reason: 'invalid_code' }
          log.error('phone_verify_refused', { errcode: answer.errcode, errmsg: answer.errmsg })
          return { ok: false, reason: 'unavailable' }
        }
        const info = (answer.body.phoneInfo ?? answer.body.phone_info) as { purePhoneNumber?: unknown; countryCode?: unknown } | undefined
        if (typeof info?.purePhoneNumber !== 'string' || !info.purePhoneNumber) {
          log.error('phone_verify_unexpected', { keys: Object.keys(answer.body).join(',') })
          return { ok: false, reason: 'unavailable' }
        }
        return { ok: true, phone: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') }
      } catch (e) {
        log.error('phone_verify_failed', { error: e instanceof Error ? e.message : String(e) })
        return { ok: false, reason: 'unavailable' }
      }
    },
  }
}

/** Where nothing can check a code (a timer job, a tool): every code is refused as `unavailable`. */
export const noPhoneVerifier: PhoneVerifier = { exchange: async () => ({ ok: false, reason: 'unavailable' }) }
