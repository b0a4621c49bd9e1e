import * as z from 'zod'
import '../zod'
import { docId, optionalText } from '../fields'
import { addDays, beijingDay } from '../time'
import type { Term } from './rules'

/**
 * 意向登记: before any class exists, parents say which child wants care in which season and 街道/乡镇, so the
 * union sees demand by area and grade, and registrants hear first when a matching class opens.
 */

/** A season's term and the span parents recognise it by (Beijing days); season numbers as in rules.ts seasonOf. */
interface SeasonOption {
  season: number
  term: Term
  label: string
  /** representative first and last days: the grade a child is in is counted on `from` */
  from: string
  to: string
}

function spans(year: number): SeasonOption[] {
  const y = String(year)
  return [
    { season: year * 10 + 1, term: '寒假', label: `${y}年寒假`, from: `${y}-01-15`, to: `${y}-02-28` },
    { season: year * 10 + 4, term: '课后', label: `${y}年春季学期课后托管`, from: `${y}-03-01`, to: `${y}-07-05` },
    { season: year * 10 + 2, term: '春秋假', label: `${y}年春假`, from: `${y}-04-01`, to: `${y}-05-31` },
    { season: year, term: '暑期', label: `${y}年暑期`, from: `${y}-07-06`, to: `${y}-08-31` },
    { season: year * 10 + 5, term: '课后', label: `${y}年秋季学期课后托管`, from: `${y}-09-01`, to: `${year + 1}-01-14` },
    { season: year * 10 + 3, term: '春秋假', label: `${y}年秋假`, from: `${y}-10-08`, to: `${y}-11-30` },
  ]
}

/** Every season this one could be, by its number (any year), or undefined. */
export function seasonOption(season: number): SeasonOption | undefined {
  const year = season < 10000 ? season : Math.floor(season / 10)
  return spans(year).find((s) => s.season === season)
}

/** The seasons a parent may register interest in today: not yet over, starting within a year. */
export function upcomingSeasons(now: Date): SeasonOption[] {
  const today = beijingDay(now)
  const horizon = addDays(today, 366)
  const year = Number(today.slice(0, 4))
  return [...spans(year), ...spans(year + 1)].filter((s) => s.to >= today && s.from <= horizon)
}

const INTENT_WEEKS_MAX = 12

export const registerIntentInput = z.object({
  childId: docId('孩子'),
  season: z.coerce.number({ error: '请选择托管时段' }).int('请选择托管时段'),
  areaId: docId('街道/乡镇'),
  /** how many weeks the family would need (optional) */
  weeks: z.coerce
    .number({ error: '周数应为数字' })
    .int('周数应为整数')
    .min(1, '周数至少 1 周')
    .max(INTENT_WEEKS_MAX, `周数最多 ${INTENT_WEEKS_MAX} 周`)
    .nullable()
    .optional(),
  note: optionalText('备注', { max: 200, multiline: true }),
})

export const intentIdInput = z.object({ id: docId('意向编号') })
export const demandInput = z.object({ season: z.coerce.number({ error: '托管时段不正确' }).int('托管时段不正确').optional() })

export interface IntentView {
  id: string
  childId: string
  childName: string
  season: number
  seasonLabel: string
  areaId: string
  areaName: string
  /** the grade the child is in for that season */
  grade: number
  weeks: number | null
  note: string
  createdAt: string
  /** the latest matching class the parent was told about */
  matched?: { classId: string; title: string; at: string }
}

export interface IntentOptions {
  seasons: SeasonOption[]
  areas: Array<{ id: string; name: string }>
}

/** Demand for one season: counts only, by area and grade. */
export interface DemandView {
  seasons: SeasonOption[]
  season: number
  total: number
  rows: Array<{ areaId: string; areaName: string; total: number; byGrade: number[] }>
}
