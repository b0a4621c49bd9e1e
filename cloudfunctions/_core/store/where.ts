import type { GeoPoint } from './port'

/*
 * Name rules and point validation both adapters apply, kept in one place so that a name one adapter refuses
 * the other refuses too, and both agree on which documents have a usable location.
 */

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

export function checkName(name: string): string {
  if (!NAME_RE.test(name)) throw new Error(`bad collection name: ${name}`)
  return name
}

/** Field names reach SQL text and CloudBase query keys; only plain dotted identifiers (and `_id`) get through. */
export function checkField(field: string): string {
  if (field !== '_id' && !FIELD_RE.test(field)) throw new Error(`bad field name: ${field}`)
  return field
}

/** `{ lat, lng }` with finite numbers, else null: anything else is stored but never found by `nearest`. */
export function validPoint(value: unknown): GeoPoint | null {
  const loc = value as Partial<GeoPoint> | null | undefined
  if (!loc || typeof loc.lat !== 'number' || typeof loc.lng !== 'number') return null
  if (!Number.isFinite(loc.lat) || !Number.isFinite(loc.lng)) return null
  return { lat: loc.lat, lng: loc.lng }
}
