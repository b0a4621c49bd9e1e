import * as z from 'zod'
import { mutation, query } from '../api'
import type { DownloadLink } from '../files'
import {
  addPhotoInput,
  getStationInput,
  importCsvInput,
  listManagedInput,
  nearbyInput,
  nearestInput,
  confirmOpenInput,
  type OpenConfirmResult,
  type NearestStations,
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
import type { AssessmentStats } from './assessment'
import { checkinInput, posterInput, visitStatsInput, type CheckinResult, type StationPoster, type VisitStats } from './visits'

/** The `stations` cloud function: what each action takes, who may call it, and what it answers. */
export const stationsApi = {
  nearby: query<{ items: StationSummary[]; radiusKm: number }>()(nearbyInput, 'signedIn'),
  /** the home card's two stations (see NearestStations) */
  nearest: query<NearestStations>()(nearestInput, 'signedIn'),
  get: query<StationDetail>()(getStationInput, 'signedIn'),
  search: query<{ items: StationSummary[] }>()(searchInput, 'signedIn'),
  areas: query<{ items: Area[] }>()(z.object({}), 'signedIn'),
  report: mutation<{ id: string }>()(reportInput, 'signedIn'),
  /** 「现在开着吗?」: two 「没开」 within an hour during opening hours tell the keeper */
  confirmOpen: mutation<OpenConfirmResult>()(confirmOpenInput, 'signedIn'),
  listManaged: query<{ items: StationSummary[]; total: number }>()(listManagedInput, ['staff', 'keeper', 'admin']),
  /** 星级 self-assessment across the stations the caller manages: how many meet every basic, what is most missed */
  assessmentStats: query<AssessmentStats>()(z.object({}), ['staff', 'admin']),
  upsert: mutation<{ id: string; created: boolean }>()(upsertInput, ['staff', 'keeper', 'admin']),
  importCsv: mutation<ImportReport>()(importCsvInput, ['staff', 'admin']),
  /** The Excel template to fill in: Chinese headers and one example row the importer skips. */
  importTemplate: query<DownloadLink>()(z.object({}), ['staff', 'admin']),
  /** 地图标注表: the managed stations in the 高德/百度 submission columns, GCJ-02 and BD-09 side by side */
  exportMap: query<DownloadLink>()(z.object({}), ['keeper', 'staff', 'admin']),
  // 反馈处理: keepers for their stations, staff and admins for their org and below.
  reports: query<{ items: StationReportItem[]; total: number }>()(reportsInput, ['keeper', 'staff', 'admin']),
  resolveReport: mutation<StationReportItem>()(resolveReportInput, ['keeper', 'staff', 'admin']),
  openReportCount: query<{ count: number }>()(z.object({}), ['keeper', 'staff', 'admin']),
  // 照片: keepers for their stations, staff and admins for their org and below (checked per station).
  addPhoto: mutation<StationPhotos>()(addPhotoInput, ['keeper', 'staff', 'admin']),
  removePhoto: mutation<StationPhotos>()(photoInput, ['keeper', 'staff', 'admin']),
  coverPhoto: mutation<StationPhotos>()(photoInput, ['keeper', 'staff', 'admin']),
  // 签到: a worker scans the door QR; one counted visit per person per station in any 4 hours.
  checkin: mutation<CheckinResult>()(checkinInput, 'signedIn'),
  /** the door poster (name, QR, 12351); a mutation: the first poster of a station makes its QR key */
  poster: mutation<StationPoster>()(posterInput, ['keeper', 'staff', 'admin']),
  /** visits per day/week/month and by occupation, counts only; keepers for their stations, staff for their org */
  visitStats: query<VisitStats>()(visitStatsInput, ['keeper', 'staff', 'admin']),
}

declare module '../api' {
  interface Apis {
    stations: typeof stationsApi
  }
}
