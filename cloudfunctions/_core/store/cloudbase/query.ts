import type { Change, Doc, Ops, Where } from '../port'
import { checkField } from '../where'
import type { CbBuilders } from './types'

/* The port's types as CloudBase query and update objects, and documents to and from their stored form. */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Everything a regular expression treats specially, so that `$includes` matches the text literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function opCommands(field: string, ops: Ops, db: Pick<CbBuilders, 'command' | 'RegExp'>): unknown[] {
  const _ = db.command
  const out: unknown[] = []
  for (const [op, arg] of Object.entries(ops)) {
    switch (op) {
      case '$in':
        if (!Array.isArray(arg)) throw new Error(`$in on ${field} needs a list`)
        out.push(_.in(arg))
        break
      case '$ne':
        out.push(_.neq(arg))
        break
      case '$gt':
        out.push(_.gt(arg))
        break
      case '$gte':
        out.push(_.gte(arg))
        break
      case '$lt':
        out.push(_.lt(arg))
        break
      case '$lte':
        out.push(_.lte(arg))
        break
      case '$all':
        if (!Array.isArray(arg)) throw new Error(`$all on ${field} needs a list`)
        // MongoDB's `$all: []` matches nothing; SQLite's (no condition at all) matches everything. Keep SQLite's.
        if (arg.length) out.push(_.all(arg))
        break
      case '$includes':
        if (typeof arg !== 'string') throw new Error(`$includes on ${field} needs text`)
        // An empty pattern is refused by the SDK; "contains the empty text" means "has a value".
        out.push(arg ? db.RegExp({ regexp: escapeRegExp(arg), options: '' }) : _.neq(null))
        break
      default:
        throw new Error(`unsupported operator ${op}`)
    }
  }
  return out
}

/**
 * The port's `Where` as a CloudBase query. A field with one condition becomes `{ field: cond }`; a field with
 * several (`{ n: { $gt: 1, $lte: 3 } }`) is ANDed at the top level, which the SDK encodes reliably for every
 * kind of condition, regular expressions included.
 */
export function toQuery(where: Where | undefined, db: Pick<CbBuilders, 'command' | 'RegExp'>): object {
  const plain: Record<string, unknown> = {}
  const extra: Record<string, unknown>[] = []
  for (const [field, cond] of Object.entries(where ?? {})) {
    checkField(field)
    // The SDK silently drops undefined conditions, which would widen an update or a remove to more documents.
    if (cond === undefined) throw new Error(`condition on ${field} is undefined`)
    if (cond === null || typeof cond !== 'object') {
      plain[field] = cond
      continue
    }
    if (Array.isArray(cond)) throw new Error(`condition on ${field} is a list; use $in or $all`)
    const cmds = opCommands(field, cond, db)
    if (!cmds.length) continue
    plain[field] = cmds[0]
    for (const c of cmds.slice(1)) extra.push({ [field]: c })
  }
  return extra.length ? (db.command.and([plain, ...extra]) as object) : plain
}

function isEmptyWhere(where: Where | undefined): boolean {
  return !where || Object.keys(where).length === 0
}

/** The query for `where`, or null when it constrains nothing (`{}`, or only no-op conditions like `$all: []`). */
export function queryOrNull(where: Where | undefined, db: Pick<CbBuilders, 'command' | 'RegExp'>): object | null {
  if (isEmptyWhere(where)) return null
  const q = toQuery(where, db)
  return isPlainObject(q) && Object.keys(q).length === 0 ? null : q
}

/** A GeoJSON point (as aggregate returns it) or the SDK's Point (as get returns it) back to `{ lat, lng }`. */
export function decodeLocation(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const v = value as { latitude?: unknown; longitude?: unknown; type?: unknown; coordinates?: unknown }
  if (typeof v.latitude === 'number' && typeof v.longitude === 'number') return { lat: v.latitude, lng: v.longitude }
  if (v.type === 'Point' && Array.isArray(v.coordinates) && v.coordinates.length === 2) {
    const [lng, lat] = v.coordinates
    if (typeof lat === 'number' && typeof lng === 'number') return { lat, lng }
  }
  return value
}

/**
 * `{ lat, lng }` as a geo point, so that a geo index on `location` covers it. Anything else (no location, a
 * location with more fields, coordinates out of range) is stored as given, as SQLite would store it.
 */
export function encodeLocation(value: unknown, db: Pick<CbBuilders, 'Geo'>): unknown {
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  const { lat, lng } = value
  if (keys.length !== 2 || typeof lat !== 'number' || typeof lng !== 'number') return value
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return value
  return new db.Geo.Point(lng, lat)
}

/** A document as it is written: the `_id` is kept (add needs it), `location` becomes a geo point. */
export function encodeDoc(doc: Record<string, unknown>, db: Pick<CbBuilders, 'Geo'>): Record<string, unknown> {
  if (!('location' in doc)) return { ...doc }
  return { ...doc, location: encodeLocation(doc.location, db) }
}

/** A document as the domains see it. */
export function decodeDoc<T extends Doc = Doc>(raw: unknown): T {
  const doc = { ...(raw as Record<string, unknown>) }
  if ('location' in doc) doc.location = decodeLocation(doc.location)
  return doc as T
}

/**
 * The port's `Change` as a CloudBase update. Objects are written with `_.set` because a bare object would be
 * merged field by field into the stored one; the port says `set` replaces. `inc` is the server's atomic `$inc`.
 */
export function toUpdate(change: Change, db: CbBuilders): Record<string, unknown> {
  const _ = db.command
  const data: Record<string, unknown> = {}
  for (const [field, raw] of Object.entries(change.set ?? {})) {
    if (field === '_id') throw new Error('the id of a document cannot change')
    checkField(field)
    if (field.startsWith('location.')) throw new Error('location is stored as a geo point; set it whole')
    let value: unknown = raw === undefined ? null : raw
    if (field === 'location') value = encodeLocation(value, db)
    data[field] = isPlainObject(value) ? _.set(value) : value
  }
  for (const [field, by] of Object.entries(change.inc ?? {})) {
    if (field === '_id') throw new Error('the id of a document cannot change')
    checkField(field)
    if (typeof by !== 'number' || !Number.isFinite(by)) throw new Error(`inc on ${field} needs a finite number`)
    data[field] = _.inc(by)
  }
  return data
}
