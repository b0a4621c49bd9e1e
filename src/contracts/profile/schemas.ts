import * as z from 'zod'
import '../zod'

export const summaryInput = z.object({})
/** Nothing to fill in: the confirmation is the dialog; the server decides what may go. */
export const deleteMyDataInput = z.object({})

/**
 * 更换手机号, step 1: the one-time code WeChat's 手机号快速验证 gave the page (the local gateway's 本地演示 stands
 * in for it in H5). Opaque to us; WeChat's are 32 hex characters, bounded here only against junk.
 */
export const verifyPhoneInput = z.object({
  code: z
    .string({ error: '缺少手机号验证码，请重新验证' })
    .trim()
    .min(1, '缺少手机号验证码，请重新验证')
    .max(128, '手机号验证码不正确，请重新验证')
    .regex(/^[A-Za-z0-9_-]+$/, '手机号验证码不正确，请重新验证'),
})

/** Step 2, after the person confirmed the masked number: which verification to apply. */
export const changePhoneInput = z.object({
  verificationId: z
    .string({ error: '缺少验证编号，请重新验证手机号' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '验证编号不正确，请重新验证手机号'),
})

/** A verified number waiting for the person's confirmation (10 minutes). */
export interface PhoneVerified {
  verificationId: string
  phoneMasked: string
  /** the number it replaces, masked; absent when there is none yet */
  currentMasked?: string
  expiresAt: string
}

export interface PhoneChanged {
  phoneMasked: string
  /** where else the number was replaced: the 入会 application or membership, open 法律援助 cases that gave it */
  updated: { membershipApplications: number; legalCases: number }
}

export interface ProfileSummary {
  name: string
  /** masked (138****5678): the one verified in 个人信息, else the latest 入会 application's; absent when there is none */
  phoneMasked?: string
  /** the number was verified (WeChat 手机号快速验证) rather than typed into a form */
  phoneVerified?: boolean
  /** the latest 入会 application's status, if any */
  membershipStatus?: 'pending' | 'approved' | 'rejected' | 'revoked' | 'transferred_out'
  /** what 删除我的数据 would look at: each count is the caller's own records */
  holdings: { membershipApplications: number; children: number; bookings: number; notices: number; legalCases: number }
}

/** One kind of record that was kept, why (law or contract), and for how long: shown to the person as is. */
interface KeptRecord {
  what: string
  reason: string
  retention: string
}

export interface DeleteMyDataResult {
  deleted: {
    membershipApplications: number
    children: number
    bookings: number
    notices: number
    /** records of every other kind deleted or stripped of who you are (答题、抽奖、驿站反馈、证据…) */
    other: number
    /** files removed from storage (unused uploads, evidence never attached to a case) */
    files: number
  }
  kept: KeptRecord[]
}

/** What 删除我的数据 does, in the words the confirmation shows (个人信息保护法 第四十七条). */
export const DELETE_EXPLANATION = [
  '将删除：待审核或被驳回的入会申请；孩子信息和监护人同意记录；未开班或已结束托管班的预约记录；消息中心的通知；在个人信息中验证的手机号；答题记录；上传后没有用到的文件和证据。',
  '去掉您的身份后保留：抽奖结果（供活动公开复算，领奖的姓名、电话、地址一并删除）；驿站反馈（反馈内容删除，只留问题类型和处理结果）。',
  '不会删除（结果中逐项写明原因和保存期限）：已通过的会籍（请联系工会办理退会）；办理中的法律援助案件（请先撤回）；已办结的法律援助案件按规定存档；已确认且正在进行的托管班预约；往期托管出勤率（不含姓名，用于 70% 出勤规则）。',
  '删除后无法恢复。',
]
