import { call } from '@/api/client'
import type { AmenityKey } from '@/contracts/stations/amenities'
import type { ImportCsvInput, ReportInput, ResolveReportInput, UpsertInput } from '@/contracts/stations/schemas'

export interface NearbyQuery {
  lat: number
  lng: number
  radiusKm: number
  amenities: AmenityKey[]
  openNow: boolean
}

export const nearby = (q: NearbyQuery) => call('stations', 'nearby', { ...q, limit: 30 })
/** With `near` (the GPS fix or the chosen area), results carry their distance and come nearest first. */
export const searchStations = (keyword: string, near?: { lat: number; lng: number } | null) =>
  call('stations', 'search', near ? { keyword, limit: 30, lat: near.lat, lng: near.lng } : { keyword, limit: 30 })
export const listAreas = () => call('stations', 'areas', {})
export const getStation = (id: string) => call('stations', 'get', { id })
export const reportStation = (input: ReportInput) => call('stations', 'report', input)

export const PAGE_SIZE = 20

export const listManaged = (page: number, q = '') =>
  call('stations', 'listManaged', { page, pageSize: PAGE_SIZE, ...(q.trim() ? { q: q.trim() } : {}) })
export const upsertStation = (input: UpsertInput) => call('stations', 'upsert', input)
export const importSheet = (input: ImportCsvInput) => call('stations', 'importCsv', input)
export const importTemplate = () => call('stations', 'importTemplate', {})

export const listReports = (status: 'open' | 'resolved', page: number) => call('stations', 'reports', { status, page, pageSize: PAGE_SIZE })
export const resolveReport = (input: ResolveReportInput) => call('stations', 'resolveReport', input)

export const addStationPhoto = (stationId: string, fileId: string) => call('stations', 'addPhoto', { stationId, fileId })
export const removeStationPhoto = (stationId: string, photoId: string) => call('stations', 'removePhoto', { stationId, photoId })
export const coverStationPhoto = (stationId: string, photoId: string) => call('stations', 'coverPhoto', { stationId, photoId })
