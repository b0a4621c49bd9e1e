import * as z from 'zod'
import './zod'

/**
 * Field schemas every domain uses, so that one rule holds everywhere: text is normalised (NFC, trimmed of
 * every kind of Unicode space) and refuses control and format characters (NUL, zero-width, right-to-left
 * overrides), which look like nothing on screen yet make two names differ; dates are real calendar days.
 */

// Cc (controls) and Cf (format: zero-width, bidi overrides, BOM…), except newline and tab in multi-line text.
const FORBIDDEN_LINE = /[\p{Cc}\p{Cf}\u2028\u2029]/u
const FORBIDDEN_MULTI = /[\p{Cf}\u2028\u2029]|[^\P{Cc}\n\t]/u
// Half of a UTF-16 surrogate pair on its own (「\uD800」): no character at all; it cannot be stored as UTF-8,
// shows as � or breaks exports, and JSON carries it only as an escape.
export const LONE_SURROGATE = /\p{Cs}/u
export const loneSurrogateMessage = (label: string) => `${label}含有无法识别的字符（可能是复制时截断的表情或生僻字），请删除后重试`
const EDGE_SPACE = /^[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+$/g

interface TextOptions {
  min?: number
  max: number
  /** newlines and tabs allowed (descriptions, facts of a case) */
  multiline?: boolean
}

/** A required text field named `label` in messages: 「请填写姓名」「姓名最多 30 个字」「姓名含有不可见字符」. */
export function text(label: string, { min = 1, max, multiline = false }: TextOptions) {
  return z
    .string({ error: `请填写${label}` })
    .transform((s) => s.normalize('NFC').replace(EDGE_SPACE, ''))
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
        .max(max, `${label}最多 ${max} 个字`)
        .refine((s) => !LONE_SURROGATE.test(s), loneSurrogateMessage(label))
        .refine((s) => !(multiline ? FORBIDDEN_MULTI : FORBIDDEN_LINE).test(s), `${label}含有不可见或控制字符，请删除后重试`),
    )
}

/** Optional text: missing or blank becomes ''. */
export function optionalText(label: string, opts: Omit<TextOptions, 'min'>) {
  return z
    .union([z.undefined(), z.null(), z.literal('')])
    .transform(() => '')
    .or(text(label, { ...opts, min: 0 }))
    .default('')
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `s` is a real day of the Gregorian calendar written YYYY-MM-DD (no 2026-02-30, no 2026-13-45). */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
  return d <= days
}

/** A calendar day (Asia/Shanghai by convention of the field), e.g. 2026-07-01. */
export function calendarDate(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isCalendarDate, `${label}不是有效日期（格式 YYYY-MM-DD）`)
}

/** An instant: ISO 8601 with an offset (2026-06-01T09:00:00+08:00), normalised to UTC ISO text. */
export function dateTime(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) &&
        isCalendarDate(s.slice(0, 10)) &&
        !Number.isNaN(Date.parse(s)),
      `${label}不是有效时间`,
    )
    .transform((s) => new Date(s).toISOString())
}

/** A document id sent back by the client. */
export function docId(label: string) {
  return z
    .string({ error: `缺少${label}` })
    .trim()
    .min(1, `缺少${label}`)
    .max(64, `${label}不正确`)
    .regex(/^[A-Za-z0-9_:.-]+$/, `${label}不正确`)
}
