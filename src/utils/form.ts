import type { z } from 'zod'
import { fieldErrors } from '@/contracts/fieldErrors'
import type { FieldError } from '@/contracts/result'

export type FieldMessages = Record<string, string>

/**
 * First message per field, under its full path (`questions.3.options`, where a list form shows it beside the
 * item) and under every shorter prefix down to the top-level field (`questions`), where a plain form shows it.
 */
export function toFieldMessages(fields: FieldError[] | undefined): FieldMessages {
  const out: FieldMessages = {}
  for (const f of fields ?? []) {
    const parts = f.path.replace(/^data\./, '').split('.')
    for (let n = parts.length; n >= 1; n--) {
      const key = parts.slice(0, n).join('.')
      if (!out[key]) out[key] = f.message
    }
  }
  return out
}

/** Runs the same schema the server runs, so people see the server's wording before a round trip. */
export function check<S extends z.ZodType>(schema: S, value: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldMessages } {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, errors: toFieldMessages(fieldErrors(parsed.error)) }
}
