import type { Allocation, Audience } from '../../src/contracts/childcare/rules'
import type { BookingStatus, ClassSummary, ChildView } from '../../src/contracts/childcare/schemas'
import { classStatus } from '../../src/contracts/childcare/rules'
import type { Doc } from '../_core/store/port'

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

export interface ClassDoc extends Doc {
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
  season: number
  orgId: string
  orgName: string
  createdBy: string
  updatedAt: string
  lottery?: { seedHash: string; seed?: string; drawnAt?: string; tickets?: boolean }
  /** the last step that moved a place, written before it touches a booking (see booking.ts) */
  touchedAt?: string
}

export interface ChildDoc extends Doc {
  parentOpenid: string
  name: string
  gender: string
  idCipher: string
  idHash: string
  idMasked: string
  grade: number
  /** the summer `grade` was given for; a year later the child is a grade up */
  gradeSeason: number
  school: string
  health: string
  pickupPeople: string
  createdAt: string
  /** set when the parent deleted the child; the record and its ID lock go once no booking can be in flight */
  deletedAt?: string | null
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
}

export function toSummary(c: ClassDoc, now: Date): ClassSummary {
  return {
    id: c._id,
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
  }
}

export function toChildView(c: ChildDoc): ChildView {
  return {
    id: c._id,
    name: c.name,
    gender: c.gender,
    idNumberMasked: c.idMasked,
    grade: c.grade,
    school: c.school,
    health: c.health,
    pickupPeople: c.pickupPeople,
  }
}

/** The grade a child is in for `season`, from the grade the parent gave for `gradeSeason`. */
export function gradeIn(child: Pick<ChildDoc, 'grade' | 'gradeSeason'>, season: number): number {
  return child.grade + (season - child.gradeSeason)
}
