import type { ZodError } from 'zod'
import type { FieldError } from './result'

// Kept apart from ./zod (which configures zod's locale as a side effect) so the page layer's error bookkeeping does
// not pull zod into the main package; schemas import ./zod themselves.

/** zod issues as the contract's `fields`: a dotted path into the input and a Chinese message, one per field. */
export function fieldErrors(error: ZodError, prefix = ''): FieldError[] {
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
