import * as z from 'zod'
import '../zod'

export const summaryInput = z.object({})
/** Nothing to fill in: the confirmation is the dialog; the server decides what may go. */
export const deleteMyDataInput = z.object({})

export interface ProfileSummary {
  name: string
  /** from the latest 入会 application, masked (138****5678); absent when there is none */
  phoneMasked?: string
  /** the latest 入会 application's status, if any */
  membershipStatus?: 'pending' | 'approved' | 'rejected' | 'revoked'
  /** what 删除我的数据 would look at: each count is the caller's own records */
  holdings: { membershipApplications: number; children: number; bookings: number; notices: number; legalCases: number }
}

/** One kind of record that was kept, and why (law or contract): shown to the person as is. */
export interface KeptRecord {
  what: string
  reason: string
}

export interface DeleteMyDataResult {
  deleted: { membershipApplications: number; children: number; bookings: number; notices: number }
  kept: KeptRecord[]
}

/** What 删除我的数据 does, in the words the confirmation shows (个人信息保护法 第四十七条). */
export const DELETE_EXPLANATION = [
  '将删除：待审核或被驳回的入会申请；孩子信息；未开班或已结束托管班的预约记录；消息中心的通知。',
  '不会删除：已通过的会籍（请联系工会办理退会）；办理中的法律援助案件（请先撤回）；已确认且正在进行的托管班预约；已办结的法律援助案件按规定存档。',
  '删除后无法恢复。',
]
