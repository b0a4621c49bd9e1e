/**
 * WeChat's rules for subscribe-message keyword values (订阅消息「参数值内容限制说明」). A keyword's name says its
 * type (thing1, phrase2, time3…). WeChat refuses a whole message (47003) when one value breaks its rule, so values
 * are clipped where clipping keeps the meaning (long free text) and otherwise checked before anything is sent:
 * a value that cannot pass is recorded as refused with the keyword named, not sent to fail.
 */
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})`
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`)

interface Rule {
  max: number
  /** what the value may consist of; tested after clipping */
  test?: RegExp
  /** free text that may be cut with an ellipsis */
  clip?: 'ellipsis' | 'cut'
  label: string
}

const KEYWORD_RULES: Record<string, Rule> = {
  thing: { max: 20, clip: 'ellipsis', label: '20 个以内字符' },
  number: { max: 32, test: /^-?\d+(?:\.\d+)?$/, label: '32 位以内数字，可带小数' },
  letter: { max: 32, test: /^[A-Za-z]+$/, label: '32 位以内字母' },
  symbol: { max: 5, test: /^[^\p{L}\p{N}\s]+$/u, label: '5 位以内符号' },
  character_string: { max: 32, clip: 'cut', test: /^[\x21-\x7e]+$/, label: '32 位以内数字、字母或符号' },
  time: { max: 40, test: range(`(?:${DATE}\\s*)?${CLOCK}`), label: '24 小时制时间，如 15:01 或 2026年7月6日 15:01' },
  date: { max: 40, test: range(`${DATE}(?:\\s*${CLOCK})?`), label: '日期，如 2026年7月6日 或 2026-07-06' },
  amount: { max: 14, test: /^[¥￥$]?\d{1,10}(?:\.\d{1,2})?元?$/, label: '金额，如 ¥100.00' },
  phone_number: { max: 17, test: /^[\d+\-() ]+$/, label: '17 位以内数字或符号' },
  car_number: { max: 8, test: /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u, label: '8 位以内车牌号' },
  name: { max: 20, test: /^(?:\p{Script=Han}{1,10}|[A-Za-z\s.·]{1,20})$/u, label: '10 个以内汉字或 20 个以内字母' },
  phrase: { max: 5, test: /^\p{Script=Han}{1,5}$/u, label: '5 个以内汉字' },
}

/** `thing12` → `thing`; null when the name is no keyword WeChat knows. */
export function keywordType(keyword: string): string | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(keyword)
  return m && m[1] in KEYWORD_RULES ? m[1] : null
}

/** The value to send: long free text clipped to the keyword's limit, anything else unchanged. */
export function clipValue(keyword: string, value: string): string {
  const type = keywordType(keyword)
  const rule = type ? KEYWORD_RULES[type] : null
  const chars = Array.from(value)
  if (!rule?.clip || chars.length <= rule.max) return value
  return rule.clip === 'ellipsis' ? chars.slice(0, rule.max - 1).join('') + '…' : chars.slice(0, rule.max).join('')
}

/** Why WeChat would refuse this (already clipped) value, in Chinese, or null when it passes. */
export function valueProblem(keyword: string, value: string): string | null {
  const type = keywordType(keyword)
  if (!type) return `${keyword} 不是订阅消息的关键词名`
  const rule = KEYWORD_RULES[type]
  if (!value) return `${keyword} 为空`
  if (Array.from(value).length > rule.max || (rule.test && !rule.test.test(value))) return `${keyword}「${value}」不符合${rule.label}`
  return null
}

/**
 * A template id as the WeChat console gives it (43 characters of letters, digits, - and _). Placeholders such as
 * the example file's Chinese text are not.
 */
export function isTemplateId(id: string): boolean {
  return /^[A-Za-z0-9_-]{30,64}$/.test(id)
}
