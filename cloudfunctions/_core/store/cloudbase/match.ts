import type { Where } from '../port'
import { checkField } from '../where'

/*
 * In-process matching, for conditions inside a transaction: CloudBase transactions only address documents by
 * id, so the rest of a `where` is checked against the document read inside the transaction.
 */

function pathValue(doc: Record<string, unknown>, field: string): unknown {
  let cur: unknown = doc
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** Each value the field offers to a comparison: an array offers its elements (MongoDB's rule) and itself. */
function candidates(value: unknown): unknown[] {
  return Array.isArray(value) ? [...value, value] : [value]
}

function equalsScalar(value: unknown, want: unknown): boolean {
  if (want === null) return value === null || value === undefined || (Array.isArray(value) && value.includes(null))
  return candidates(value).some((v) => v === want)
}

function compare(value: unknown, op: '$gt' | '$gte' | '$lt' | '$lte', arg: unknown): boolean {
  return candidates(value).some((v) => {
    // MongoDB compares numbers with numbers and text with text, never across types.
    if (!((typeof v === 'number' && typeof arg === 'number') || (typeof v === 'string' && typeof arg === 'string'))) return false
    if (op === '$gt') return v > arg
    if (op === '$gte') return v >= arg
    if (op === '$lt') return v < arg
    return v <= arg
  })
}

/** Whether `doc` satisfies `where`, by the same rules the CloudBase server applies to a query. */
export function matchesWhere(doc: Record<string, unknown>, where: Where | undefined): boolean {
  for (const [field, cond] of Object.entries(where ?? {})) {
    checkField(field)
    const value = pathValue(doc, field)
    if (cond === undefined) throw new Error(`condition on ${field} is undefined`)
    if (cond === null || typeof cond !== 'object') {
      if (!equalsScalar(value, cond)) return false
      continue
    }
    for (const [op, arg] of Object.entries(cond)) {
      switch (op) {
        case '$in':
          if (!(arg as unknown[]).some((a) => equalsScalar(value, a))) return false
          break
        case '$ne':
          if (equalsScalar(value, arg)) return false
          break
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          if (!compare(value, op, arg)) return false
          break
        case '$all': {
          const have = Array.isArray(value) ? value : [value]
          if (!(arg as unknown[]).every((a) => have.includes(a))) return false
          break
        }
        case '$includes': {
          const text = arg as string
          const hit = candidates(value).some((v) => (text ? typeof v === 'string' && v.includes(text) : v !== null && v !== undefined))
          if (!hit) return false
          break
        }
        default:
          throw new Error(`unsupported operator ${op}`)
      }
    }
  }
  return true
}
