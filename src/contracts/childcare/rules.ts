import { priorityRule } from './priority'
import { beijingDateTime, beijingDay } from '../time'
/**
 * 职工子女托管 rules both sides use: a class's status by the server's clock, its season, its days, and the
 * plain-language rules a parent reads before booking. Times are instants (UTC ISO); days are Beijing days.
 */

export type ClassStatus = '未开放' | '报名中' | '已满' | '已截止'
export type Audience = 'all' | 'members'
export type Allocation = 'fcfs' | 'lottery'

/** Under this share of days attended, a child may not book the next season. */
export const MIN_ATTENDANCE = 0.7
/** How long a parent has to accept a place offered from the waitlist. */
export const OFFER_HOURS = 24

interface ClassTiming {
  opensAt: string
  closesAt: string
  remaining: number
  allocation: Allocation
}

export function classStatus(c: ClassTiming, now: Date): ClassStatus {
  const t = now.getTime()
  if (t < Date.parse(c.opensAt)) return '未开放'
  if (t >= Date.parse(c.closesAt)) return '已截止'
  if (c.allocation === 'fcfs' && c.remaining <= 0) return '已满'
  return '报名中'
}

/** When a class runs: the summer break, the winter break, a spring or autumn break (春秋假), or after school. */
export const TERMS = ['暑期', '寒假', '春秋假', '课后'] as const
export type Term = (typeof TERMS)[number]

/** What 「一期」 is for each term, in the words of the rules a parent reads. */
export const TERM_PERIOD: Record<Term, string> = { 暑期: '暑期', 寒假: '寒假', 春秋假: '春假或秋假', 课后: '学期（课后托管）' }

/**
 * The season a class belongs to: the span in which a child holds one booking, and whose predecessor's
 * attendance counts. A summer is its year (2027), as before terms existed, so stored summer bookings keep their
 * ids; other terms are year × 10 + a code: 1 寒假, 2 春假 and 3 秋假 (by the half-year the class starts in),
 * 4 and 5 the spring and autumn school terms of 课后 classes.
 */
export function seasonOf(startDate: string, term: Term = '暑期'): number {
  const year = Number(startDate.slice(0, 4))
  const month = Number(startDate.slice(5, 7))
  switch (term) {
    case '暑期':
      return year
    case '寒假':
      return year * 10 + 1
    case '春秋假':
      return year * 10 + (month <= 6 ? 2 : 3)
    case '课后':
      return year * 10 + (month <= 7 ? 4 : 5)
  }
}

/** The calendar year a season falls in. */
export function seasonYear(season: number): number {
  return season < 10000 ? season : Math.floor(season / 10)
}

/** The season before, of the same kind: last summer, last winter, the break or school term before. */
export function previousSeason(season: number): number {
  if (season < 10000) return season - 1
  const year = Math.floor(season / 10)
  const code = season % 10
  const before: Record<number, number> = {
    1: (year - 1) * 10 + 1,
    2: (year - 1) * 10 + 3,
    3: year * 10 + 2,
    4: (year - 1) * 10 + 5,
    5: year * 10 + 4,
  }
  return before[code] ?? season - 10
}

/** Monday–Friday between two calendar days, inclusive: the days a class runs and attendance counts against. */
export function classDays(startDate: string, endDate: string): string[] {
  const out: string[] = []
  const end = Date.parse(endDate + 'T00:00:00Z')
  for (let t = Date.parse(startDate + 'T00:00:00Z'); t <= end && out.length < 400; t += 86400e3) {
    const wd = new Date(t).getUTCDay()
    if (wd !== 0 && wd !== 6) out.push(new Date(t).toISOString().slice(0, 10))
  }
  return out
}

export function overlaps(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate
}

/**
 * The school year a day falls in, named by the year of the 1 September that began it (Beijing date): from
 * 1 September 2026 to 31 August 2027 it is 2026. Grades roll over on that day.
 */
export function schoolYearOf(at: Date): number {
  const day = beijingDay(at)
  const year = Number(day.slice(0, 4))
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1
}

export const GRADE_LABELS = ['', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二', '初三']

export function gradeRange(min: number, max: number): string {
  return min === max ? GRADE_LABELS[min] : `${GRADE_LABELS[min]}至${GRADE_LABELS[max]}`
}

interface RuleSource {
  /** absent on classes stored before terms existed: those are summer classes */
  term?: Term
  audience: Audience
  allocation: Allocation
  gradeMin: number
  gradeMax: number
  capacity: number
  opensAt: string
  closesAt: string
  cancelBefore: string
  priority?: { groups: readonly string[]; places: number; releaseAt?: string } | null
}

/** Every rule that can refuse a parent, in the words the class page shows before booking. */
export function classRules(c: RuleSource): string[] {
  return [
    c.audience === 'members' ? '仅限工会会员（入会申请已通过，保留会籍的会员也可以）的子女报名' : '职工子女均可报名，无需工会会员身份',
    `限${gradeRange(c.gradeMin, c.gradeMax)}学生（按开班时所在的学年：暑假里按刚读完的年级，即您在孩子信息中看到的年级）`,
    c.allocation === 'lottery'
      ? `名额 ${c.capacity} 个，${beijingDateTime(c.opensAt)} 至 ${beijingDateTime(c.closesAt)} 期间申请，截止后公开抽签：抽签用的随机数在报名开始前锁定，抽签后公开，任何人都可以复算顺序（见「如何验证公平」）`
      : `名额 ${c.capacity} 个，${beijingDateTime(c.opensAt)} 开放报名（以服务器时间为准），先到先得；报满后可排队候补`,
    `每个孩子每个${TERM_PERIOD[c.term ?? '暑期']}只能报名一期（含候补和抽签申请），时间重叠的班不能同时报名`,
    `上一期出勤不足 ${Math.round(MIN_ATTENDANCE * 100)}% 的孩子，本期不能报名`,
    '兄弟姐妹可一次一起报名：要么都报上，要么都候补，不会拆开',
    `有名额空出时，按候补顺序通知第一位，${OFFER_HOURS} 小时内确认，过期顺延给下一位`,
    `${beijingDateTime(c.cancelBefore)} 前可取消，名额退回给候补或其他家长`,
    ...(c.priority ? [priorityRule(c.priority, c.allocation)] : []),
  ]
}
