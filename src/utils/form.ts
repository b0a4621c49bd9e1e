import type { z } from 'zod'
import { fieldErrors } from '@/contracts/zod'
import type { FieldError } from '@/contracts/result'

export type FieldMessages = Record<string, string>

/** First message per top-level field, which is where the form shows it. */
export function toFieldMessages(fields: FieldError[] | undefined): FieldMessages {
  const out: FieldMessages = {}
  for (const f of fields ?? []) {
    const key = f.path.replace(/^data\./, '').split('.')[0]
    if (!out[key]) out[key] = f.message
  }
  return out
}

/** Runs the same schema the server runs, so people see the server's wording before a round trip. */
export function check<S extends z.ZodType>(schema: S, value: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldMessages } {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, errors: toFieldMessages(fieldErrors(parsed.error)) }
}
