import * as z from 'zod'
import '../zod'
import { docId } from '../fields'

/** 「我是」: asked once at the first 签到, kept for the stats by occupation (never shown with a name). */
export const OCCUPATIONS = [
  { key: 'courier', label: '快递' },
  { key: 'delivery', label: '外卖' },
  { key: 'sanitation', label: '环卫' },
  { key: 'ridehail', label: '网约车' },
  { key: 'other', label: '其他' },
] as const
export type Occupation = (typeof OCCUPATIONS)[number]['key']
const OCCUPATION_KEYS = OCCUPATIONS.map((o) => o.key) as [Occupation, ...Occupation[]]
export const occupationLabel = (k: string) => OCCUPATIONS.find((o) => o.key === k)?.label ?? '未说明'

/** One 签到 per person per station in any 4 hours: a courier who sits down twice in a morning is one visit. */
export const VISIT_GAP_HOURS = 4

/** The page the door QR opens. Its query carries the station and the station's poster key. */
const CHECKIN_PATH = '/pages/stations/checkin/index'

/** The link a poster's QR encodes: `base` is the app's address (H5) or the prefix registered for WeChat's 扫码打开. */
export function checkinLink(base: string, stationId: string, key: string): string {
  return `${base.replace(/\/+$/, '')}/#${CHECKIN_PATH}?s=${encodeURIComponent(stationId)}&k=${encodeURIComponent(key)}`
}

/** The station and key back out of a scanned link (WeChat hands the whole URL to the page as `q`). */
export function parseCheckinLink(link: string): { stationId: string; key: string } | null {
  const at = link.indexOf('?')
  if (at < 0) return null
  const params = new Map<string, string>()
  for (const pair of link.slice(at + 1).split('&')) {
    const [k, v = ''] = pair.split('=')
    try {
      params.set(k, decodeURIComponent(v))
    } catch {
      return null
    }
  }
  const stationId = params.get('s')
  const key = params.get('k')
  return stationId && key ? { stationId, key } : null
}

const posterKey = z
  .string({ error: '二维码不完整，请重新扫描' })
  .trim()
  .regex(/^[A-Za-z0-9]{8,32}$/, '二维码不完整，请重新扫描')

export const checkinInput = z.object({
  stationId: docId('驿站编号'),
  key: posterKey,
  /** only needed the first time; later 签到 reuse the stored answer */
  occupation: z.enum(OCCUPATION_KEYS, { error: '请选择您的职业' }).optional(),
})
export type CheckinInput = z.input<typeof checkinInput>

export interface CheckinResult {
  stationId: string
  stationName: string
  /** false: already counted in the last 4 hours at this station (`countedAt` says when) */
  counted: boolean
  countedAt: string
  occupation: Occupation | null
}

/** The poster's QR link is built by the app from its own address; the server checks it points at the check-in page. */
export const posterInput = z.object({
  stationId: docId('驿站编号'),
  base: z
    .string({ error: '缺少小程序地址' })
    .trim()
    .max(200, '地址过长')
    .regex(/^https?:\/\/[^\s#?]+$/, '地址不正确'),
})

export interface StationPoster {
  stationId: string
  name: string
  address: string
  /** what the QR encodes (H5: open it to 签到) */
  link: string
  /** the QR as a PNG data URL */
  qr: string
  hotline: string
}

export const VISIT_PERIODS = [
  { key: 'day', label: '按日', count: 14 },
  { key: 'week', label: '按周', count: 8 },
  { key: 'month', label: '按月', count: 6 },
] as const
export type VisitPeriod = (typeof VISIT_PERIODS)[number]['key']

/** No stationId: every station the caller manages together (staff), or the county (for 日服务人次). */
export const visitStatsInput = z.object({
  stationId: docId('驿站编号').optional(),
  period: z.enum(['day', 'week', 'month'], { error: '统计周期只能是按日、按周或按月' }).default('day'),
})
export type VisitStatsInput = z.input<typeof visitStatsInput>

export interface VisitBar {
  /** 23日 (day), 11/17 (the week's Monday), 11月 (month) */
  label: string
  /** the Beijing day the bar starts */
  from: string
  count: number
}

/** Counts only: no person, no openid, no time of day. */
export interface VisitStats {
  scope: { stationId: string | null; name: string }
  period: VisitPeriod
  bars: VisitBar[]
  total: number
  byOccupation: Array<{ key: Occupation | 'unknown'; label: string; count: number }>
  /** 日服务人次: visits today at every station in the county */
  countyToday: number
  /** the stations the caller may pick from */
  stations: Array<{ id: string; name: string }>
}
