import * as z from 'zod'
import '../zod'
import type { AmenityKey } from './amenities'

/**
 * 星级 self-assessment against 山东's standard for 户外劳动者服务站点: ground floor facing the street, at least 12 m²,
 * tables and chairs, water, microwave, medicine kit, fan or air conditioning; 法律服务, 心理咨询 and 理发 optional.
 * We count which basics are met and name the missing ones. We do NOT award stars: the standard's star rules are the
 * province's to apply, not ours to invent.
 *
 * The kit items are the station's amenities (one truth: a keeper ticks 医药箱 once, and workers see it too);
 * only what is not an amenity (area, floor, facing the street, 理发) is stored here.
 */
export const MIN_AREA_M2 = 12

export const assessmentInput = z.object({
  areaM2: z.number({ error: '面积必须是数字' }).positive('面积必须大于 0').max(10000, '面积不能超过 10000 平方米').nullable().default(null),
  groundFloor: z.boolean({ error: '「位于一楼」必须是是或否' }).nullable().default(null),
  facingStreet: z.boolean({ error: '「临街」必须是是或否' }).nullable().default(null),
  haircut: z.boolean({ error: '「理发」必须是是或否' }).default(false),
})
export type Assessment = z.output<typeof assessmentInput>

const EMPTY_ASSESSMENT: Assessment = { areaM2: null, groundFloor: null, facingStreet: null, haircut: false }

type Check = { key: string; label: string; met: (a: Assessment, amenities: readonly AmenityKey[]) => boolean }

const BASIC_CHECKS: Check[] = [
  { key: 'area', label: `面积不少于 ${MIN_AREA_M2} 平方米`, met: (a) => (a.areaM2 ?? 0) >= MIN_AREA_M2 },
  { key: 'groundFloor', label: '位于一楼', met: (a) => a.groundFloor === true },
  { key: 'facingStreet', label: '临街', met: (a) => a.facingStreet === true },
  { key: 'seat', label: '桌椅', met: (_a, am) => am.includes('seat') },
  { key: 'water', label: '饮水', met: (_a, am) => am.includes('water') },
  { key: 'heat', label: '微波炉', met: (_a, am) => am.includes('heat') },
  { key: 'medkit', label: '医药箱', met: (_a, am) => am.includes('medkit') },
  { key: 'climate', label: '风扇或空调', met: (_a, am) => am.includes('climate') },
]

const OPTIONAL_CHECKS: Check[] = [
  { key: 'legal', label: '法律服务', met: (_a, am) => am.includes('legal') },
  { key: 'counsel', label: '心理咨询', met: (_a, am) => am.includes('counsel') },
  { key: 'haircut', label: '理发', met: (a) => a.haircut },
]

export interface Completeness {
  met: number
  total: number
  /** the basics not met, in the standard's order */
  missing: string[]
  /** the optional services offered */
  extras: string[]
  complete: boolean
}

export function completeness(assessment: Assessment | undefined, amenities: readonly AmenityKey[]): Completeness {
  const a = assessment ?? EMPTY_ASSESSMENT
  const missing = BASIC_CHECKS.filter((c) => !c.met(a, amenities)).map((c) => c.label)
  const extras = OPTIONAL_CHECKS.filter((c) => c.met(a, amenities)).map((c) => c.label)
  const met = BASIC_CHECKS.length - missing.length
  return { met, total: BASIC_CHECKS.length, missing, extras, complete: missing.length === 0 }
}

/** 「基本条件 6/8 项，缺：临街、医药箱」 */
export function completenessText(c: Completeness): string {
  return c.complete ? `基本条件 ${c.met}/${c.total} 项，已全部达到` : `基本条件 ${c.met}/${c.total} 项，缺：${c.missing.join('、')}`
}

export interface AssessmentStats {
  /** active stations the caller manages */
  total: number
  /** of them, meeting every basic */
  complete: number
  /** how many stations miss each basic, most missed first */
  missing: Array<{ label: string; count: number }>
}
