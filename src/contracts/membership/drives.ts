import * as z from 'zod'
import '../zod'
import { optionalText, text } from '../fields'

/**
 * 集中入会: a union joins people at an event. Staff make a code (and its poster) for their union, optionally an
 * employer, and the event; scanning it opens the 入会 form with those filled, the application goes to that union,
 * and it records the event so staff count joins per event.
 */
const DRIVE_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{8}$/

export const driveCode = z.string({ error: '活动码不正确' }).trim().toUpperCase().regex(DRIVE_CODE_RE, '活动码不正确，请重新扫码')

export const createDriveInput = z.object({
  event: text('活动名称', { min: 2, max: 40 }),
  employer: optionalText('工作单位', { max: 60 }),
})

export const driveInfoInput = z.object({ code: driveCode })

/** What the form shows after a scan. */
export interface DriveInfo {
  code: string
  event: string
  orgName: string
  /** filled into the form when the event is for one employer */
  employer?: string
}

/** A code in the staff list: the poster's QR and how many joined through it. */
export interface DriveItem extends DriveInfo {
  createdAt: string
  /** the page the QR opens (the mini program path with the code) */
  path: string
  /** data:image/png QR of `path` for the poster */
  qr: string
  applications: number
  approved: number
}
