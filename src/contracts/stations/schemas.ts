import * as z from 'zod'
import '../zod'
import { calendarDate, docId, optionalText, text } from '../fields'
import { AMENITIES, AMENITY_KEYS, type AmenityKey } from './amenities'
import { parseHours } from './hours'
import { inChina } from '../geo'
import { uploadedFile } from '../files'
import { looksSwapped, SWAPPED_MESSAGE } from './coords'
import { seasonsInput, validityInput, type Season } from './lifecycle'
import { assessmentInput, type Assessment, type Completeness } from './assessment'
import { COORD_SYSTEMS, type ImportCoords } from './coordsystems'

const lat = z.number({ error: '纬度必须是数字' }).min(-90, '纬度必须在 -90 到 90 之间').max(90, '纬度必须在 -90 到 90 之间')
const lng = z.number({ error: '经度必须是数字' }).min(-180, '经度必须在 -180 到 180 之间').max(180, '经度必须在 -180 到 180 之间')

const amenity = z.enum(AMENITY_KEYS, { error: '未知的设施类型' })
const stationId = docId('驿站编号')

export const nearbyInput = z.object({
  lat,
  lng,
  radiusKm: z.number({ error: '搜索半径必须是数字' }).min(0.1, '搜索半径至少 0.1 公里').max(50, '搜索半径最多 50 公里').default(5),
  limit: z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(1, '数量至少为 1').max(50, '一次最多返回 50 个驿站').default(20),
  amenities: z.array(amenity, { error: '设施筛选必须是列表' }).max(AMENITIES.length, '设施筛选过多').default([]),
  openNow: z.boolean({ error: '「只看营业中」必须是真或假' }).default(false),
})

/** With the caller's position (lat and lng together), the detail carries its distance. */
export const getStationInput = z
  .object({ id: stationId, lat: lat.optional(), lng: lng.optional() })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: '位置需同时提供经度和纬度', path: ['lat'] })

/** 「现在开着吗?」 on the detail: a courier at the door says yes or no. */
export const confirmOpenInput = z.object({
  id: stationId,
  open: z.boolean({ error: '请选择「开着」或「没开」' }),
})

export interface OpenConfirmResult {
  /** the latest 「开着」 in the last day */
  confirmedOpenAt?: string
  /** this answer made the keeper be told (the second 「没开」 within an hour during opening hours) */
  alerted: boolean
}

/** The home card: the nearest station whatever its hours, and the nearest open one when that is a different one. */
export const nearestInput = z.object({
  lat,
  lng,
  radiusKm: z.number({ error: '搜索半径必须是数字' }).min(0.1, '搜索半径至少 0.1 公里').max(50, '搜索半径最多 50 公里').default(20),
})

export interface NearestStations {
  /** the nearest station in the radius, open or not */
  nearest: StationSummary | null
  /** the nearest open one; the same station as `nearest` when that is open, null when none in the radius is open */
  nearestOpen: StationSummary | null
}

export const searchInput = z
  .object({
    keyword: text('搜索词', { max: 30 }),
    limit: z.number({ error: '数量必须是数字' }).int().min(1).max(50, '一次最多返回 50 个驿站').default(20),
    /** where the caller stands (or the area they chose): results then carry distanceM, nearest first */
    lat: lat.optional(),
    lng: lng.optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { message: '位置需同时提供经度和纬度', path: ['lat'] })

export const REPORT_KINDS = [
  { key: 'closed', label: '驿站关闭了' },
  { key: 'broken', label: '设施损坏' },
  { key: 'other', label: '其他问题' },
] as const

export const reportInput = z
  .object({
    id: stationId,
    kind: z.enum(['closed', 'broken', 'other'], { error: '请选择问题类型' }),
    text: optionalText('说明', { max: 200, multiline: true }),
  })
  .superRefine((v, ctx) => {
    // "其他" says nothing by itself; the other kinds are clear even with one tap.
    if (v.kind === 'other' && v.text.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: '选择「其他问题」时请简单说明情况' })
    }
  })
export type ReportInput = z.input<typeof reportInput>

export type ReportKind = (typeof REPORT_KINDS)[number]['key']

/** The 反馈处理 inbox: open reports first by default; `stationId` narrows to one station. */
export const reportsInput = z.object({
  status: z.enum(['open', 'resolved', 'all'], { error: '状态只能是待处理、已处理或全部' }).default('open'),
  stationId: stationId.optional(),
  page: z.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码至少为 1').default(1),
  pageSize: z.number({ error: '每页数量必须是数字' }).int('每页数量必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
})

/** A reply to the courier who reported; a 关闭了 report may also pause the station until a day it reopens. */
export const resolveReportInput = z.object({
  id: docId('反馈编号'),
  reply: text('回复内容', { min: 2, max: 200, multiline: true }),
  suspendUntil: calendarDate('恢复开放日期').optional(),
})
export type ResolveReportInput = z.input<typeof resolveReportInput>

/** One report as a keeper or union staff sees it: never the reporter's openid. */
export interface StationReportItem {
  id: string
  stationId: string
  stationName: string
  kind: ReportKind
  text: string
  status: 'open' | 'resolved'
  createdAt: string
  reply?: string
  resolvedAt?: string
  resolvedByName?: string
  /** set when resolving paused the station */
  suspendUntil?: string
}

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|12351)$/

/** One station as staff enter it in the form or a CSV row; the server and the form both validate with it. */
export const stationFields = z
  .object({
    name: text('驿站名称', { min: 2, max: 40 }),
    address: text('地址', { min: 4, max: 100 }),
    // Ranges are checked below with both numbers at hand, so a swapped pair is named as such.
    lat: z.number({ error: '纬度必须是数字' }),
    lng: z.number({ error: '经度必须是数字' }),
    hours: text('开放时间', { min: 0, max: 80 }).superRefine((text, ctx) => {
      const parsed = parseHours(text)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
    }),
    amenities: z.array(amenity, { error: '设施必须是列表' }).max(AMENITIES.length, `设施最多 ${AMENITIES.length} 项`),
    phone: optionalText('电话', { max: 30 }).refine((p) => p === '' || PHONE_RE.test(p), '电话格式不正确（手机号或带区号的座机）'),
  })
  .superRefine(
    (v, ctx) => {
      if (inChina(v.lat, v.lng)) return
      if (looksSwapped(v.lat, v.lng)) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: SWAPPED_MESSAGE })
        return
      }
      const latOk = lat.safeParse(v.lat)
      const lngOk = lng.safeParse(v.lng)
      if (!latOk.success) ctx.addIssue({ code: 'custom', path: ['lat'], message: latOk.error.issues[0].message })
      if (!lngOk.success) ctx.addIssue({ code: 'custom', path: ['lng'], message: lngOk.error.issues[0].message })
      if (latOk.success && lngOk.success) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: '坐标不在中国境内，请检查经纬度（应为 GCJ-02 坐标）' })
      }
    },
    // Also when another field is wrong: the coordinates' message should not wait for the name to be fixed.
    { when: (p) => typeof (p.value as { lat?: unknown })?.lat === 'number' && typeof (p.value as { lng?: unknown })?.lng === 'number' },
  )
export type StationFields = z.input<typeof stationFields>

/**
 * New station: no id. Edit: the id and the `version` the form loaded; an edit based on an older version is refused
 * with CONFLICT instead of overwriting someone else's change.
 */
/**
 * What the form adds to a sheet row: validity, seasonal hours, the 星级 self-assessment. Each is left as stored when
 * absent (an older client, an import), replaced when sent; '' clears a date and [] the seasons.
 */
const stationExtras = z.intersection(
  validityInput,
  z.object({
    seasons: seasonsInput.optional(),
    assessment: assessmentInput.optional(),
  }),
)

export const upsertInput = z.intersection(
  z.intersection(
    z
      .object({ id: stationId.optional(), version: z.number({ error: '版本号必须是数字' }).int().min(0).optional() })
      .refine((v) => !v.id || v.version !== undefined, { path: ['version'], message: '缺少版本号，请刷新后再改' }),
    stationFields,
  ),
  stationExtras,
)
export type UpsertInput = z.input<typeof upsertInput>

/** 驿站照片: enough to show the door, the room and what it offers; more would only slow the detail page. */
export const MAX_STATION_PHOTOS = 6

/** The file was uploaded first (kind `stationPhoto`, into the caller's own folder); this files it under the station. */
export const addPhotoInput = z.object({ stationId, fileId: uploadedFile('照片') })

/** Remove one photo, or make it the cover (moved first). */
export const photoInput = z.object({ stationId, photoId: docId('照片编号') })

/** What every photo change answers: the photos as they now stand, and the station's new version. */
export interface StationPhotos {
  photos: StationPhoto[]
  version: number
}

/**
 * Pasted CSV stays inside the call, so it is kept small: 20,000 characters are at most 60 KB of UTF-8, under the
 * 100 KB a function call should carry. A longer sheet goes as a file.
 */
const MAX_PASTE_CHARS = 20_000

/**
 * The sheet to import: either a file uploaded to storage first (`fileId`, .xlsx or .csv in UTF-8 or GBK, decoded on
 * the server) or pasted CSV text (`csv`). `dryRun` answers the same row report without writing anything: the 预览
 * step, which passes the same `fileId` as the import after it, so the file is uploaded once.
 */
export const importCsvInput = z
  .object({
    // Excel and WPS end lines with CR LF: made plain newlines first, then the same text rule as every field.
    csv: z
      .string({ error: '请提供 CSV 内容' })
      .max(MAX_PASTE_CHARS, `粘贴的内容过长（最多 ${MAX_PASTE_CHARS / 10000} 万字）：请把表格保存为文件，用「选择文件」导入`)
      .transform((s) => s.replace(/\r\n?/g, '\n'))
      .pipe(text('CSV 内容', { max: MAX_PASTE_CHARS, multiline: true }))
      .optional(),
    fileId: uploadedFile('表格文件').optional(),
    dryRun: z.boolean({ error: '「预览」必须是真或假' }).default(false),
    /** where the sheet's coordinates came from when it does not say (auto: assume 高德/腾讯 and tell) */
    coordSystem: z.enum(['auto', ...COORD_SYSTEMS], { error: '坐标来源只能是自动、高德/腾讯、百度或 GPS' }).default('auto'),
  })
  .refine((v) => (v.csv === undefined) !== (v.fileId === undefined), { path: ['csv'], message: '请选择一个文件或粘贴 CSV 内容（二选一）' })
export type ImportCsvInput = z.input<typeof importCsvInput>

export const listManagedInput = z.object({
  /** part of the station's name */
  q: optionalText('驿站名称', { max: 30 }).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
})

export interface StationSummary {
  id: string
  name: string
  address: string
  lat: number
  lng: number
  distanceM?: number
  openNow: boolean
  /** the open badge's words at the time of the answer: 营业中, 今天 14:00 开门, 明天 08:30 开门, 周一 08:30 开门, 已打烊, 暂停开放 */
  statusText: string
  hours: string
  amenities: AmenityKey[]
  phone: string
  /** 暂停开放 until this Beijing day (YYYY-MM-DD, the day it opens again); absent when not paused */
  suspendedUntil?: string
  /** the seasonal hours in force today (送清凉 …), which replace `hours` */
  season?: Season
  /** the last Beijing day it runs (mobile and seasonal stations) */
  validTo?: string
  /** past validTo or before validFrom: only staff lists still show it */
  expired?: boolean
  /** the 星级 self-assessment's basics; in the staff list only */
  completeness?: Completeness
}

/** One earlier place of a station that moved (流动驿站): where it stood until `until`. */
export interface StationMove {
  address: string
  lat: number
  lng: number
  /** when it left this place */
  until: string
}

/** About 80 m a minute on foot (a loaded courier walks slower than the 5 km/h textbook pace). */
const WALK_METERS_PER_MINUTE = 80

/** 「步行约 N 分钟」, or null when it is too far to walk (over 5 km: the courier rides). */
export function walkingText(distanceM: number): string | null {
  if (distanceM > 5000) return null
  return `步行约 ${Math.max(1, Math.ceil(distanceM / WALK_METERS_PER_MINUTE))} 分钟`
}

/** A station's photo as the app shows it: the link works for about an hour, then the page loads a new one. */
export interface StationPhoto {
  id: string
  url: string
}

export interface StationDetail extends StationSummary {
  /** the first is the cover */
  photos: StationPhoto[]
  orgId: string
  updatedAt: string
  /** send it back with an edit: it changes with every save */
  version: number
  canEdit: boolean
  /** the latest 「开着」 a worker confirmed in the last day: 「N 分钟前有人确认开放」 */
  confirmedOpenAt?: string
  validFrom?: string
  seasons: Season[]
  /** for those who can edit it only */
  assessment?: Assessment
  /** earlier places, the latest first; for those who can edit it only */
  moves?: StationMove[]
}

export interface Area {
  id: string
  name: string
  lat: number
  lng: number
}

export type ImportRowStatus = 'created' | 'updated' | 'refused'
interface ImportRowReport {
  row: number
  name: string
  status: ImportRowStatus
  id?: string
  errors?: { path: string; message: string }[]
}
/** With `dryRun`, created/updated say what a real import would do; nothing was written. */
export interface ImportReport {
  created: number
  updated: number
  refused: number
  /** example rows (名称 starting with 「示例：」, as in the template) left out on purpose */
  skipped: number
  dryRun: boolean
  rows: ImportRowReport[]
  /** which map the coordinates were read as, and why (「按高德/腾讯地图坐标导入」) */
  coords?: ImportCoords
}
