/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male),
 * and a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'
/** First two digits of every province-level region code in use. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 91,
])

export type IdCheck =
  { ok: true; normalized: string; birth: { year: number; month: number; day: number }; gender: '男' | '女' } | { ok: false; message: string }

export function checkDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** `today` is passed in so that the same number validates the same way in the form and on the server. */
export function checkIdNumber(input: string, today: Date = new Date()): IdCheck {
  const id = input.trim().toUpperCase()
  if (id.length !== 18) return { ok: false, message: '身份证号应为 18 位' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号前 17 位应为数字，最后一位为数字或 X' }
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, message: '身份证号的地区码不正确' }
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, message: '身份证号中的出生日期不正确' }
  }
  if (date.getTime() > today.getTime()) return { ok: false, message: '身份证号中的出生日期不能晚于今天' }
  if (checkDigit(id.slice(0, 17)) !== id[17]) return { ok: false, message: '身份证号校验位不正确，请核对是否输错' }
  return { ok: true, normalized: id, birth: { year, month, day }, gender: Number(id[16]) % 2 === 1 ? '男' : '女' }
}

/** Whole years of age on `today` (Shanghai calendar is close enough at day precision for an age check). */
export function ageOn(birth: { year: number; month: number; day: number }, today: Date): number {
  const y = today.getUTCFullYear()
  const beforeBirthday = today.getUTCMonth() + 1 < birth.month || (today.getUTCMonth() + 1 === birth.month && today.getUTCDate() < birth.day)
  return y - birth.year - (beforeBirthday ? 1 : 0)
}

export const PHONE_RE = /^1[3-9]\d{9}$/

/** 3701**********1234: what lists, exports and logs show. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}**********${id.slice(14)}` : '****'
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** 张*, 欧阳**: the card and the verifier show no more than the surname. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  const keep = chars.length >= 4 ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep)
}
