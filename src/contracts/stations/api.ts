import * as z from 'zod'
import { action } from '../api'
import type { DownloadLink } from '../files'
import {
  addPhotoInput,
  getStationInput,
  importCsvInput,
  listManagedInput,
  nearbyInput,
  photoInput,
  reportInput,
  reportsInput,
  resolveReportInput,
  searchInput,
  upsertInput,
  type Area,
  type ImportReport,
  type StationDetail,
  type StationPhotos,
  type StationReportItem,
  type StationSummary,
} from './schemas'

/** The `stations` cloud function: what each action takes, who may call it, and what it answers. */
export const stationsApi = {
  nearby: action<{ items: StationSummary[]; radiusKm: number }>()(nearbyInput, 'signedIn'),
  get: action<StationDetail>()(getStationInput, 'signedIn'),
  search: action<{ items: StationSummary[] }>()(searchInput, 'signedIn'),
  areas: action<{ items: Area[] }>()(z.object({}), 'signedIn'),
  report: action<{ id: string }>()(reportInput, 'signedIn'),
  listManaged: action<{ items: StationSummary[]; total: number }>()(listManagedInput, ['staff', 'keeper', 'admin']),
  upsert: action<{ id: string; created: boolean }>()(upsertInput, ['staff', 'keeper', 'admin']),
  importCsv: action<ImportReport>()(importCsvInput, ['staff', 'admin']),
  /** The Excel template to fill in: Chinese headers and one example row the importer skips. */
  importTemplate: action<DownloadLink>()(z.object({}), ['staff', 'admin']),
  // 反馈处理: keepers for their stations, staff and admins for their org and below.
  reports: action<{ items: StationReportItem[]; total: number }>()(reportsInput, ['keeper', 'staff', 'admin']),
  resolveReport: action<StationReportItem>()(resolveReportInput, ['keeper', 'staff', 'admin']),
  openReportCount: action<{ count: number }>()(z.object({}), ['keeper', 'staff', 'admin']),
  // 照片: keepers for their stations, staff and admins for their org and below (checked per station).
  addPhoto: action<StationPhotos>()(addPhotoInput, ['keeper', 'staff', 'admin']),
  removePhoto: action<StationPhotos>()(photoInput, ['keeper', 'staff', 'admin']),
  coverPhoto: action<StationPhotos>()(photoInput, ['keeper', 'staff', 'admin']),
}

declare module '../api' {
  interface Apis {
    stations: typeof stationsApi
  }
}
