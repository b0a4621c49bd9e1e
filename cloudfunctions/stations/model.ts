import type { AmenityKey } from '../../src/contracts/stations/amenities'
import type { StationDetail, StationSummary } from '../../src/contracts/stations/schemas'
import { isOpenText } from '../../src/contracts/stations/hours'
import type { Doc } from '../_core/store/port'

export interface StationDoc extends Doc {
  name: string
  address: string
  location: { lat: number; lng: number }
  hours: string
  amenities: AmenityKey[]
  phone: string
  photos: string[]
  /** the union org that runs it; its staff (and their parents') may edit it */
  orgId: string
  status: 'active' | 'removed'
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export function toSummary(doc: StationDoc, now: Date, distanceM?: number): StationSummary {
  const out: StationSummary = {
    id: doc._id,
    name: doc.name,
    address: doc.address,
    lat: doc.location.lat,
    lng: doc.location.lng,
    openNow: isOpenText(doc.hours, now),
    hours: doc.hours,
    amenities: doc.amenities,
    phone: doc.phone,
  }
  if (distanceM !== undefined) out.distanceM = Math.round(distanceM)
  return out
}

export function toDetail(doc: StationDoc, now: Date, canEdit: boolean): StationDetail {
  return { ...toSummary(doc, now), photos: doc.photos, orgId: doc.orgId, updatedAt: doc.updatedAt, canEdit }
}
