import * as z from 'zod'
import '../zod'
import { docId, text } from '../fields'
import type { RoleGrant } from '../roles'

/**
 * Codes people type: no 0/O, 1/I/L, so a code read aloud or off a screen is typed right. 31 symbols:
 * 8 of them (激活码) ≈ 8.5e11 combinations, 6 (邀请码) ≈ 8.9e8; both expire and are rate-limited per caller.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const ACTIVATION_CODE_LENGTH = 8
export const INVITE_CODE_LENGTH = 6

/** What people type, as the server compares it: upper case, without spaces or dashes (「abcd-efgh」 works). */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-_]/g, '')
}

function codeField(label: string, length: number) {
  return z
    .string({ error: `请输入${label}` })
    .transform(normalizeCode)
    .pipe(
      z
        .string()
        .min(1, `请输入${label}`)
        .length(length, `${label}应为 ${length} 位`)
        .refine((s) => [...s].every((c) => CODE_ALPHABET.includes(c)), `${label}只含字母和数字（不含 0、1、I、L、O），请核对`),
    )
}

const personName = text('姓名', { max: 20 })

export const redeemActivationInput = z.object({ code: codeField('激活码', ACTIVATION_CODE_LENGTH), name: personName })
export const acceptInviteInput = z.object({ code: codeField('邀请码', INVITE_CODE_LENGTH), name: personName })

/** The one field of 工作人员激活 before it knows which kind of code it holds. */
export const staffCodeInput = z.object({
  code: z
    .string({ error: '请输入激活码或邀请码' })
    .transform(normalizeCode)
    .pipe(
      z
        .string()
        .min(1, '请输入激活码或邀请码')
        .refine((s) => s.length === ACTIVATION_CODE_LENGTH || s.length === INVITE_CODE_LENGTH, '激活码为 8 位，邀请码为 6 位，请核对'),
    ),
  name: personName,
})

export const INVITE_ROLES = [
  { key: 'keeper', label: '驿站站长' },
  { key: 'lawyer', label: '律师' },
  { key: 'staff', label: '工会干部' },
  { key: 'admin', label: '管理员' },
] as const satisfies readonly { key: RoleGrant['role']; label: string }[]

/** Staff may invite these; admins any role. The server decides, the page only hides what would be refused. */
export const STAFF_INVITABLE: readonly RoleGrant['role'][] = ['keeper', 'lawyer']

export const createInviteInput = z
  .object({
    role: z.enum(['keeper', 'lawyer', 'staff', 'admin'], { error: '请选择角色' }),
    orgId: docId('所属工会').optional(),
    stationId: docId('驿站').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'keeper' && !v.stationId) ctx.addIssue({ code: 'custom', path: ['stationId'], message: '请选择驿站' })
    if (v.role !== 'keeper' && !v.orgId) ctx.addIssue({ code: 'custom', path: ['orgId'], message: '请选择所属工会' })
  })

export const revokeGrantInput = z.object({ id: docId('授权') })

export interface InviteCreated {
  code: string
  role: RoleGrant['role']
  orgName: string
  stationName?: string
  /** ISO instant */
  expiresAt: string
  /** a PNG data URL of the code, for the invitee to scan */
  qr: string
}

export interface InviteOptions {
  /** roles this caller may invite */
  roles: RoleGrant['role'][]
  /** the caller's org tree, parents before children; depth 0 = the caller's own org */
  orgs: { id: string; name: string; depth: number }[]
  stations: { id: string; name: string; orgId: string }[]
}

export interface Activated {
  role: RoleGrant['role']
  /** the union or station the role applies to */
  placeName: string
}

export interface RoleRow {
  /** the grant's id, for revokeGrant */
  id: string
  name: string
  role: RoleGrant['role']
  orgName: string
  stationName?: string
  grantedAt: string
  grantedByName: string
  /** the caller's own grant: not revocable by themselves */
  self: boolean
}
