import { distanceMeters } from '../../../../src/contracts/geo'
import type { Logger } from '../../log'
import type { Doc, GeoPoint, Near, NearestOptions } from '../port'
import { checkName, validPoint } from '../where'
import { errorText, isCollectionMissing, isGeoIndexMissing } from './errors'
import { decodeDoc, queryOrNull } from './query'
import { PAGE_MAX, type CbDb } from './types'

/** How many documents `nearest` may look at before it settles for fewer than `limit` accepted ones. */
const NEAREST_SCAN_CAP = 5000
/**
 * MongoDB measures spherical distance on a 6378.1 km sphere, our `distanceMeters` on the 6371.0088 km mean
 * radius. Asking the server for a slightly larger radius and then cutting with our own formula makes both
 * adapters include and order exactly the same points.
 */
const SERVER_RADIUS_SLACK = 6378100 / 6371008.8 + 0.0005

export interface NearestContext {
  db: CbDb
  log: Logger
  /** Collections whose missing geo index has been reported already; one line per warm instance is enough. */
  fallbackLogged: Set<string>
}

/** Carries an exception thrown by the caller's `accept`, so that it is never mistaken for a missing index. */
class NearestAcceptError extends Error {
  constructor(readonly original: unknown) {
    super('accept failed')
  }
}

export async function nearest<T extends Doc>(ctx: NearestContext, collection: string, point: GeoPoint, options: NearestOptions): Promise<Near<T>[]> {
  const limit = Math.floor(options.limit)
  if (!(limit > 0) || !(options.maxKm >= 0)) return []
  try {
    return await nearestByIndex<T>(ctx.db, collection, point, options, limit)
  } catch (e) {
    if (isCollectionMissing(e)) return []
    if (e instanceof NearestAcceptError) throw e.original
    // Anything but a missing index (a timeout, a quota, a bad query) is the caller's to see: a scan of up to
    // NEAREST_SCAN_CAP documents would only hide it, at many times the cost.
    if (!isGeoIndexMissing(e)) throw e
    // geoNear needs a geo index on `location`; without one (a fresh collection, an index not yet created)
    // the same answer is computed from a bounding-box query, slower but correct.
    if (!ctx.fallbackLogged.has(collection)) {
      ctx.fallbackLogged.add(collection)
      ctx.log.error('geo_index_missing', { collection, fallback: 'scan', error: errorText(e).slice(0, 300) })
    }
    try {
      return await nearestByScan<T>(ctx.db, collection, point, options, limit)
    } catch (e2) {
      throw e2 instanceof NearestAcceptError ? e2.original : e2
    }
  }
}

function accepts(options: NearestOptions, doc: Doc): boolean {
  if (!options.accept) return true
  try {
    return options.accept(doc)
  } catch (e) {
    throw new NearestAcceptError(e)
  }
}

function consider<T extends Doc>(raw: unknown, point: GeoPoint, maxM: number, options: NearestOptions, out: Near<T>[]): void {
  const { _distance, ...rest } = raw as Record<string, unknown>
  const doc = decodeDoc<T>(rest)
  const loc = validPoint(doc.location)
  const d = loc ? distanceMeters(point, loc) : Number(_distance)
  if (!(d <= maxM)) return
  if (!accepts(options, doc)) return
  out.push({ doc, distanceM: d })
}

async function nearestByIndex<T extends Doc>(
  db: CbDb,
  collection: string,
  point: GeoPoint,
  options: NearestOptions,
  limit: number,
): Promise<Near<T>[]> {
  const c = db.collection(checkName(collection))
  const maxM = options.maxKm * 1000
  // With `accept`, some candidates will be turned away; asking for more at once saves round trips.
  const pageSize = options.accept ? Math.min(PAGE_MAX, Math.max(limit * 5, 20)) : Math.min(PAGE_MAX, limit)
  const out: Near<T>[] = []
  for (let skip = 0; skip < NEAREST_SCAN_CAP; skip += pageSize) {
    const param: Record<string, unknown> = {
      near: new db.Geo.Point(point.lng, point.lat),
      spherical: true,
      distanceField: '_distance',
      maxDistance: maxM * SERVER_RADIUS_SLACK,
      key: 'location',
    }
    const query = queryOrNull(options.where, db)
    if (query) param.query = query
    let agg = c.aggregate().geoNear(param)
    if (skip) agg = agg.skip(skip)
    const rows = (await agg.limit(pageSize).end()).data ?? []
    for (const raw of rows) consider(raw, point, maxM, options, out)
    if (out.length >= limit || rows.length < pageSize) break
  }
  return out.sort((a, b) => a.distanceM - b.distanceM).slice(0, limit)
}

async function nearestByScan<T extends Doc>(
  db: CbDb,
  collection: string,
  point: GeoPoint,
  options: NearestOptions,
  limit: number,
): Promise<Near<T>[]> {
  const _ = db.command
  const maxM = options.maxKm * 1000
  // A box a little larger than the circle; the exact distance is checked per document.
  const dLat = (maxM * 1.01) / 111_000
  const dLng = (maxM * 1.01) / (111_000 * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)))
  const box = {
    'location.type': 'Point',
    'location.coordinates.1': _.gte(point.lat - dLat),
    'location.coordinates.0': _.gte(point.lng - dLng),
  }
  const upper = [{ 'location.coordinates.1': _.lte(point.lat + dLat) }, { 'location.coordinates.0': _.lte(point.lng + dLng) }]
  const parts: object[] = [box, ...upper]
  const query = queryOrNull(options.where, db)
  if (query) parts.push(query)
  const q = db.collection(checkName(collection)).where(_.and(parts) as object)
  const all: Near<T>[] = []
  for (let skip = 0; skip < NEAREST_SCAN_CAP; skip += PAGE_MAX) {
    let page = q.orderBy('_id', 'asc')
    if (skip) page = page.skip(skip)
    const rows = (await page.limit(PAGE_MAX).get()).data ?? []
    // accept runs after sorting, so that it sees candidates nearest first as with the index
    for (const raw of rows) consider(raw, point, maxM, { ...options, accept: undefined }, all)
    if (rows.length < PAGE_MAX) break
  }
  all.sort((a, b) => a.distanceM - b.distanceM)
  const out: Near<T>[] = []
  for (const n of all) {
    if (!accepts(options, n.doc)) continue
    out.push(n)
    if (out.length >= limit) break
  }
  return out
}
