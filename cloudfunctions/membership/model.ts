import type { ApplicationStatus, NewEmploymentType } from '../../src/contracts/membership/options'
import type { ApplicationDetail, ApplicationListItem, MyApplication, TimelineEntry } from '../../src/contracts/membership/schemas'
import type { Doc } from '../_core/store/port'
import { retainReasonLabel, type Retained, type RetainReason, type TransferredOut } from '../../src/contracts/membership/standing'

export const APPLICATIONS = 'applications'
/** One document per 身份证号 (keyed hash) and per openid holding a live application: their ids enforce "only one". */
export const ID_LOCKS = 'membership_id_locks'
export const OPENID_LOCKS = 'membership_openid_locks'

export interface ApplicationDoc extends Doc {
  applicantOpenid: string
  orgId: string
  orgName: string
  routedBy: MyApplication['routedBy']
  status: ApplicationStatus
  name: string
  gender: string
  ethnicity: string
  /** AES-256-GCM; never stored in clear */
  idCipher: string
  idHash: string
  idMasked: string
  phoneCipher: string
  phoneMasked: string
  /** last 4 digits of the phone, for the staff search box (documents from before it was stored lack it) */
  phoneTail?: string
  /** `roster`: imported from a union's 会员名册; unclaimed (applicantOpenid '') until 会员认证 */
  source?: 'roster'
  /** 集中入会: the event code the application came through, and the event's name */
  driveCode?: string
  driveEvent?: string
  /** 保留会籍 while set; the org that kept the membership before a move to the union above */
  retained?: { reason: RetainReason; since: string; fromOrgId: string; fromOrgName: string } | null
  /** 已转出 (status transferred_out): where to, as staff recorded it */
  transferredOut?: TransferredOut
  /**
   * The last activity the app can measure, for the 半年无活动 list: joining (approval or import), 会员认证, opening
   * the e-card (at most once a Beijing day), asking for a transfer. The app keeps no dues records.
   */
  activeAt?: string
  claimedAt?: string
  /** the number came from WeChat's phone check (apply with a verification, or 会员认证) */
  phoneVerified?: boolean
  /** set while a 会籍转移 is pending (at most one) */
  pendingTransferId?: string
  education: string
  politicalStatus: string
  employer: string
  occupation: string
  hukouType: string
  newEmploymentType: NewEmploymentType
  region: string
  regionName: string
  consentAt: string
  submittedAt: string
  timeline: TimelineEntry[]
  rejectReason?: string
  memberNo?: string
  joinDate?: string
  reviewedBy?: string
  reviewedAt?: string
}

/** 「保留会籍（退休）」 and who keeps it, for the member, the card and staff. */
export function retainedOf(doc: ApplicationDoc): Retained | undefined {
  if (!doc.retained || doc.status !== 'approved') return undefined
  const { reason, since } = doc.retained
  return { reason, label: `保留会籍（${retainReasonLabel(reason)}）`, heldByOrgName: doc.orgName, since }
}

export function toMine(doc: ApplicationDoc): MyApplication {
  return {
    id: doc._id,
    status: doc.status,
    name: doc.name,
    idNumberMasked: doc.idMasked,
    phoneMasked: doc.phoneMasked,
    org: { id: doc.orgId, name: doc.orgName },
    routedBy: doc.routedBy,
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason } : {}),
    ...(retainedOf(doc) ? { retained: retainedOf(doc) } : {}),
    ...(doc.status === 'transferred_out' && doc.transferredOut ? { transferredOut: doc.transferredOut } : {}),
    // staff names on the timeline are for staff; the applicant sees what happened, not who clicked
    timeline: doc.timeline.map(({ by: _by, ...e }) => e),
    submittedAt: doc.submittedAt,
    form: {
      name: doc.name,
      gender: doc.gender as MyApplication['form']['gender'],
      ethnicity: doc.ethnicity as MyApplication['form']['ethnicity'],
      education: doc.education as MyApplication['form']['education'],
      politicalStatus: doc.politicalStatus as MyApplication['form']['politicalStatus'],
      employer: doc.employer,
      occupation: doc.occupation,
      hukouType: doc.hukouType as MyApplication['form']['hukouType'],
      newEmploymentType: doc.newEmploymentType,
      region: doc.region,
    },
  }
}

export function toListItem(doc: ApplicationDoc): ApplicationListItem {
  return {
    id: doc._id,
    name: doc.name,
    gender: doc.gender,
    idNumberMasked: doc.idMasked,
    phoneMasked: doc.phoneMasked,
    employer: doc.employer,
    occupation: doc.occupation,
    newEmploymentType: doc.newEmploymentType,
    orgName: doc.orgName,
    status: doc.status,
    ...(retainedOf(doc) ? { retainedLabel: retainedOf(doc)?.label } : {}),
    submittedAt: doc.submittedAt,
  }
}

export function toDetail(doc: ApplicationDoc): ApplicationDetail {
  return {
    ...toListItem(doc),
    phoneVerified: !!doc.phoneVerified,
    ...(retainedOf(doc) ? { retained: retainedOf(doc) } : {}),
    ...(doc.status === 'transferred_out' && doc.transferredOut ? { transferredOut: doc.transferredOut } : {}),
    ...(doc.source === 'roster' ? { claimed: !!doc.applicantOpenid } : {}),
    ethnicity: doc.ethnicity,
    education: doc.education,
    politicalStatus: doc.politicalStatus,
    hukouType: doc.hukouType,
    region: doc.region,
    regionName: doc.regionName,
    routedBy: doc.routedBy,
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason } : {}),
    ...(doc.memberNo ? { memberNo: doc.memberNo } : {}),
    timeline: doc.timeline,
  }
}
