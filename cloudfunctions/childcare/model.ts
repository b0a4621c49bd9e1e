import type { Allocation, Audience, Term } from '../../src/contracts/childcare/rules'
import type { ClassNotice } from '../../src/contracts/childcare/health'
import type { BookingStatus, ClassSummary, ChildView } from '../../src/contracts/childcare/schemas'
import { classStatus, schoolYearOf } from '../../src/contracts/childcare/rules'
import type { Doc } from '../_core/store/port'
import { startOfBeijingDay } from '../../src/contracts/time'
import {
  priorityLabel,
  type ClaimState,
  type ClaimView,
  type PriorityGroup,
  type PriorityInput,
  type PriorityView,
} from '../../src/contracts/childcare/priority'

export const CLASSES = 'cc_classes'
export const CHILDREN = 'cc_children'
/** one document per child 身份证号 (keyed hash): a child is registered once */
export const CHILD_IDS = 'cc_child_ids'
/**
 * Live bookings, one per child per season: `_id = ${season}:${childId}`. The id is the guarantee that a child
 * holds at most one live booking per class and one session per summer, under any concurrency.
 */
export const BOOKINGS = 'cc_bookings'
/** cancelled and expired bookings, moved out so that the live id is free again */
export const HISTORY = 'cc_booking_history'
/** a drawn ballot's published list (tickets in drawn order), one document per class, `_id` = class id */
export const BALLOTS = 'cc_ballots'
/** lottery seeds, never returned until the draw */
export const SECRETS = 'cc_secrets'
/** a guardian's consent to the 儿童个人信息处理规则: `_id` is the parent's openid (who, when, which version) */
export const CONSENTS = 'cc_consents'
/** every staff view of a roster or a child's record (未成年人网络保护条例): who, when, which class, how many children */
export const ACCESS_LOG = 'cc_access_log'
/**
 * A season's attendance once the booking itself is gone (deleted by its parent, or purged after retention):
 * `_id = ${season}:${idHash}`, the keyed hash (HMAC, server key) of the child's 身份证号, so the 70% rule holds
 * after the child is deleted and registered again. No name, no openid.
 */
export const ATTENDANCE = 'cc_attendance'
/** 意向登记: one per child per season, `_id = ${season}:${childId}` (intent.ts) */
export const INTENTS = 'cc_intents'

export interface IntentDoc extends Doc {
  parentOpenid: string
  childId: string
  childName: string
  season: number
  areaId: string
  areaName: string
  /** the grade the child is in for the season */
  grade: number
  weeks: number | null
  note: string
  createdAt: string
  /** the latest matching class the parent was told about (classes.ts) */
  matched?: { classId: string; title: string; at: string }
}

export interface ClassDoc extends Doc {
  /** absent on classes stored before terms existed: those are summer classes */
  term?: Term
  title: string
  site: string
  address: string
  startDate: string
  endDate: string
  dailyHours: string
  gradeMin: number
  gradeMax: number
  capacity: number
  /** places anyone may take now */
  remaining: number
  /** next waitlist sequence number: arrival order */
  nextSeq: number
  /** waitlisted bookings not yet offered a place */
  waiting: number
  /** places freed that are being offered to the waitlist */
  toOffer: number
  /** lottery applications */
  applicants: number
  opensAt: string
  closesAt: string
  cancelBefore: string
  audience: Audience
  allocation: Allocation
  fee: number
  description: string
  /** the span in which a child holds one booking (rules.ts seasonOf): a summer's year, or year × 10 + a term code */
  season: number
  orgId: string
  orgName: string
  createdBy: string
  updatedAt: string
  lottery?: { seedHash: string; seed?: string; drawnAt?: string; tickets?: boolean }
  /** 告家长书, versioned: a booking records the version its parent read */
  notice?: ClassNotice | null
  /** the last step that moved a place, written before it touches a booking (see booking.ts) */
  touchedAt?: string
  /** when the timer last found the class quiet and its places all accounted for */
  reconciledAt?: string
  /** 优先名额 as set by staff; its places are counted apart in `priorityRemaining` until released */
  priority?: PriorityInput | null
  /** reserved places not yet taken (part of the conservation sum, see booking.ts) */
  priorityRemaining?: number
  /** set once the unused reserved places have joined the general pool (first-come: at `releaseAt`; a ballot: at the draw) */
  priorityReleased?: boolean
  /** the 街道/乡镇 the class serves (optional): registrants of interest in it are told when it opens */
  areaId?: string | null
  areaName?: string
  /** matching 意向登记 still to be told (more than one write holds; intent.ts) */
  intentsPending?: boolean
}

export interface ChildDoc extends Doc {
  parentOpenid: string
  name: string
  gender: string
  idCipher: string
  idHash: string
  idMasked: string
  grade: number
  /**
   * The school year `grade` was given for: the year of the 1 September that began it (by the Beijing date).
   * Older documents have only `gradeSeason`, the summer the grade was given for (school year = gradeSeason - 1).
   */
  schoolYear?: number
  gradeSeason?: number
  school: string
  health: string
  pickupPeople: string
  createdAt: string
  /** set when the parent deleted the child; the record and its ID lock go once no booking can be in flight */
  deletedAt?: string | null
  /** deleted by the timer after this instant (CHILD_RETENTION_DAYS after saving or after their last class) */
  retainUntil?: string
  /** attendance of past seasons whose bookings are gone (purged, or deleted before registering again), by season */
  pastAttendance?: Record<string, { attended: number; days: number; classTitle: string }>
}

export interface BookingDoc extends Doc {
  classId: string
  season: number
  childId: string
  childName: string
  gender: string
  grade: number
  idMasked: string
  parentOpenid: string
  parentName: string
  status: BookingStatus
  /** waitlist order (arrival), or lottery order */
  seq: number
  requestId: string
  /** siblings booked together share it: the lottery draws groups */
  groupId: string
  code: string
  checkins: string[]
  createdAt: string
  offerExpiresAt?: string
  /** the 告家长书 version the parent read when booking */
  noticeVersion?: number
  /** the parent's 健康申报 for this child: answers to HEALTH_ITEMS, the note encrypted like the 身份证号 */
  health?: { answers: boolean[]; noteCipher: string | null; flagged: boolean }
  /** 优先名额 claimed at booking; `pool` is where the place came from (a reserved place is returned there) */
  claim?: { group: PriorityGroup; state: ClaimState; pool: 'priority' | 'general'; auto: boolean; by?: string; at?: string }
}

export function claimView(c: NonNullable<BookingDoc['claim']>): ClaimView {
  return { group: c.group, label: priorityLabel(c.group), state: c.state, pool: c.pool, auto: c.auto }
}

function priorityView(c: ClassDoc): PriorityView | undefined {
  if (!c.priority) return undefined
  return {
    groups: c.priority.groups.map((key) => ({ key, label: priorityLabel(key) })),
    places: c.priority.places,
    remaining: c.priorityReleased ? 0 : Math.max(0, c.priorityRemaining ?? 0),
    ...(c.priority.releaseAt ? { releaseAt: c.priority.releaseAt } : {}),
    released: !!c.priorityReleased,
  }
}

export function toSummary(c: ClassDoc, now: Date): ClassSummary {
  return {
    id: c._id,
    term: c.term ?? '暑期',
    title: c.title,
    site: c.site,
    address: c.address,
    startDate: c.startDate,
    endDate: c.endDate,
    dailyHours: c.dailyHours,
    gradeMin: c.gradeMin,
    gradeMax: c.gradeMax,
    capacity: c.capacity,
    remaining: Math.max(0, c.remaining),
    waiting: c.waiting,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    cancelBefore: c.cancelBefore,
    status: classStatus(c, now),
    audience: c.audience,
    allocation: c.allocation,
    fee: c.fee,
    orgName: c.orgName,
    ...(c.priority ? { priority: priorityView(c) } : {}),
    ...(c.areaId ? { areaId: c.areaId, areaName: c.areaName ?? '' } : {}),
  }
}

export function toChildView(c: ChildDoc, now: Date): ChildView {
  return {
    id: c._id,
    name: c.name,
    gender: c.gender,
    idNumberMasked: c.idMasked,
    grade: gradeOn(c, now),
    school: c.school,
    health: c.health,
    pickupPeople: c.pickupPeople,
  }
}

type GradeFields = Pick<ChildDoc, 'grade' | 'schoolYear' | 'gradeSeason'>

function givenFor(child: GradeFields): number {
  return child.schoolYear ?? (child.gradeSeason ?? 0) - 1
}

/**
 * The grade a child is in for a class: by the school year of the day it starts (`YYYY-MM-DD`), or, given a
 * season number, the summer that ends the school year `season - 1`. A child entered as 三年级 in October 2026
 * (school year 2026) is 三年级 for the July 2027 classes and for a class that starts in December 2026.
 */
export function gradeIn(child: GradeFields, classStart: string | number): number {
  const year = typeof classStart === 'number' ? classStart - 1 : schoolYearOf(startOfBeijingDay(classStart))
  return child.grade + (year - givenFor(child))
}

/** The grade a child is in on this day: it rolls on 1 September by the Beijing date. */
export function gradeOn(child: GradeFields, now: Date): number {
  return child.grade + (schoolYearOf(now) - givenFor(child))
}
