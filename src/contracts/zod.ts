import { z } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.cjs'
import type { FieldError } from './result'

// Messages we do not write by hand still reach the user in Chinese.
z.config(zhCN())

export { z }

/** zod issues as the contract's `fields`: a dotted path into the input and a Chinese message, one per field. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'data'
    if (seen.has(path)) continue
    seen.add(path)
    out.push({ path, message: issue.message })
  }
  return out
}
