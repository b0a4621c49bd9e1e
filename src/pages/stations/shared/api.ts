import { call } from '@/api/client'
import type { AmenityKey } from '@/contracts/stations/amenities'
import type { Area, StationDetail, StationSummary } from '@/contracts/stations/schemas'

export interface NearbyQuery {
  lat: number
  lng: number
  radiusKm: number
  amenities: AmenityKey[]
  openNow: boolean
}

export const nearby = (q: NearbyQuery) => call<{ items: StationSummary[]; radiusKm: number }>('stations', 'nearby', { ...q, limit: 30 })
export const searchStations = (keyword: string) => call<{ items: StationSummary[] }>('stations', 'search', { keyword, limit: 30 })
export const listAreas = () => call<{ items: Area[] }>('stations', 'areas', {})
export const getStation = (id: string) => call<StationDetail>('stations', 'get', { id })
export const reportStation = (input: { id: string; kind: string; text: string }) => call<{ id: string }>('stations', 'report', input)
