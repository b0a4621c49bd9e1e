import { createHash } from 'node:crypto'
import type { AmenityKey } from '../../src/contracts/stations/amenities'
import type { StationDetail, StationPhoto, StationSummary } from '../../src/contracts/stations/schemas'
import { isOpenOn, lifecycleStatusText, seasonOn, validityOn, type Season } from '../../src/contracts/stations/lifecycle'
import type { Assessment } from '../../src/contracts/stations/assessment'
import type { StationMove } from '../../src/contracts/stations/schemas'
import type { Doc } from '../_core/store/port'
import { beijingDay } from '../../src/contracts/time'

export interface StationDoc extends Doc {
  name: string
  address: string
  location: { lat: number; lng: number }
  hours: string
  amenities: AmenityKey[]
  phone: string
  /** in display order, the cover first; see photos.ts */
  photos: StationPhotoRecord[]
  /** the union org that runs it; its staff (and their parents') may edit it */
  orgId: string
  status: 'active' | 'removed'
  createdAt: string
  updatedAt: string
  updatedBy: string
  /** raised by every write; an edit names the version it was based on (optimistic concurrency) */
  version: number
  /** 暂停开放 (set when a 关闭了 report is resolved): closed until this Beijing day, when it opens again */
  suspendedUntil?: string
  /** first and last Beijing day it runs (mobile and seasonal stations); absent: no limit */
  validFrom?: string
  validTo?: string
  /** seasonal hours (送清凉 …) that replace `hours` between their dates */
  seasons?: Season[]
  /** 星级 self-assessment: what is not an amenity (see contracts/stations/assessment.ts) */
  assessment?: Assessment
  /** earlier places, the latest first (a station that moves with a building site) */
  moves?: StationMove[]
}

/** One stored photo: the file lives at `stations/<stationId>/<id>.<ext>`; links to it are made when asked. */
export interface StationPhotoRecord {
  id: string
  fileId: string
  /** openid of the keeper or staff member who added it */
  uploadedBy: string
  at: string
}

/** Whether the station is paused at `now`: from the moment it is set until the reopening day begins (Beijing). */
function isSuspended(doc: Pick<StationDoc, 'suspendedUntil'>, now: Date): boolean {
  return typeof doc.suspendedUntil === 'string' && beijingDay(now) < doc.suspendedUntil
}

/** Running today by the Beijing date (validFrom ≤ today ≤ validTo): workers see only these. */
export function isCurrent(doc: Pick<StationDoc, 'validFrom' | 'validTo'>, now: Date): boolean {
  return validityOn(doc, beijingDay(now)) === 'valid'
}

/** Open now: running, not paused, and inside today's hours (a season's when one holds). nearby's 只看营业中 and every summary use this. */
export function isOpenNow(doc: Pick<StationDoc, 'suspendedUntil' | 'hours' | 'validFrom' | 'validTo' | 'seasons'>, now: Date): boolean {
  return !isSuspended(doc, now) && isOpenOn(doc, now)
}

export function toSummary(doc: StationDoc, now: Date, distanceM?: number): StationSummary {
  const suspended = isSuspended(doc, now)
  const today = beijingDay(now)
  const expired = validityOn(doc, today) !== 'valid'
  const out: StationSummary = {
    id: doc._id,
    name: doc.name,
    address: doc.address,
    lat: doc.location.lat,
    lng: doc.location.lng,
    openNow: isOpenNow(doc, now),
    statusText: suspended && !expired ? '暂停开放' : lifecycleStatusText(doc, now),
    hours: doc.hours,
    amenities: doc.amenities,
    phone: doc.phone,
  }
  if (distanceM !== undefined) out.distanceM = Math.round(distanceM)
  if (suspended && !expired) out.suspendedUntil = doc.suspendedUntil
  const season = expired ? undefined : seasonOn(doc, today)
  if (season) out.season = season
  if (doc.validTo) out.validTo = doc.validTo
  if (expired) out.expired = true
  return out
}

export function toDetail(doc: StationDoc, now: Date, canEdit: boolean, photos: StationPhoto[], distanceM?: number): StationDetail {
  const detail: StationDetail = {
    ...toSummary(doc, now, distanceM),
    photos,
    orgId: doc.orgId,
    updatedAt: doc.updatedAt,
    version: doc.version ?? 0,
    canEdit,
    seasons: doc.seasons ?? [],
  }
  if (doc.validFrom) detail.validFrom = doc.validFrom
  if (canEdit) {
    if (doc.assessment) detail.assessment = doc.assessment
    detail.moves = doc.moves ?? []
  }
  return detail
}

/**
 * A station is the same station when its org, name and address match; its id is derived from them, so that two
 * imports of one sheet racing each other both land on one document (insert → DuplicateKeyError).
 */
export function stationKeyId(orgId: string, name: string, address: string): string {
  return `st_${createHash('sha256').update(`${orgId}\u0000${name}\u0000${address}`).digest('hex').slice(0, 24)}`
}
