import { call } from '@/api/client'
import type { AmenityKey } from '@/contracts/stations/amenities'
import type { ReportInput } from '@/contracts/stations/schemas'

export interface NearbyQuery {
  lat: number
  lng: number
  radiusKm: number
  amenities: AmenityKey[]
  openNow: boolean
}

export const nearby = (q: NearbyQuery) => call('stations', 'nearby', { ...q, limit: 30 })
export const searchStations = (keyword: string) => call('stations', 'search', { keyword, limit: 30 })
export const listAreas = () => call('stations', 'areas', {})
export const getStation = (id: string) => call('stations', 'get', { id })
export const reportStation = (input: ReportInput) => call('stations', 'report', input)
