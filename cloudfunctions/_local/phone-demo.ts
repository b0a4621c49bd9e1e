import { randomBytes } from 'node:crypto'
import type { PhoneVerifier } from '../_core/phone-verify'

/** WeChat's codes last five minutes and work once; the stand-in keeps the same rules so the page meets them. */
const CODE_TTL_MS = 5 * 60_000

export interface DemoPhoneVerifier extends PhoneVerifier {
  /** what WeChat's 手机号快速验证 would hand the page after the person picked this number */
  issue(phone: string): string
}

/**
 * 本地演示 only: the local gateway has no WeChat to vouch for a number, so the H5 page types one and gets a code
 * for it, as if WeChat had verified it. Lives under _local so no cloud function bundle contains it; the cloud
 * uses WeChat's exchange (_core/phone-verify.ts).
 */
export function demoPhoneVerifier(now: () => Date = () => new Date()): DemoPhoneVerifier {
  const codes = new Map<string, { phone: string; expires: number }>()
  return {
    issue(phone) {
      const t = now().getTime()
      for (const [c, v] of codes) if (v.expires <= t) codes.delete(c)
      const code = randomBytes(16).toString('hex')
      codes.set(code, { phone, expires: t + CODE_TTL_MS })
      return code
    },
    async exchange(code) {
      const hit = codes.get(code)
      codes.delete(code)
      if (!hit || hit.expires <= now().getTime()) return { ok: false, reason: 'invalid_code' }
      return { ok: true, phone: hit.phone, countryCode: '86' }
    },
  }
}
