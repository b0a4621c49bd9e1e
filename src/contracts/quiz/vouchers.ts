import * as z from 'zod'
import '../zod'
import { docId } from '../fields'

/**
 * 驿站券: a prize used once at a station (a named one, or any). The code is 12 characters, XXXX-XXXX-XXXX: 8 name
 * the voucher, 4 are a keyed signature of those 8, so a made-up or mistyped code is refused before anything is
 * looked up. The QR carries the same code behind a `QV:` prefix.
 */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const VOUCHER_QR_PREFIX = 'QV:'

/** A scanned QR or a typed code to its 12 characters (no prefix, no dashes or spaces, upper case), or null. */
export function normalizeVoucherCode(raw: string): string | null {
  const s = raw.trim().toUpperCase().replace(/^QV:/, '').replace(/[\s-]/g, '')
  if (s.length !== 12) return null
  for (const ch of s) if (!VOUCHER_ALPHABET.includes(ch)) return null
  return s
}

/** 12 characters as the owner reads them: XXXX-XXXX-XXXX. */
export const formatVoucherCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-')

export const redeemVoucherInput = z.object({
  code: z
    .string({ error: '请输入券码' })
    .trim()
    .min(1, '请扫码或输入券码')
    .max(40, '券码不正确')
    .refine((s) => normalizeVoucherCode(s) !== null, '券码不正确，应为 12 位字母和数字'),
  stationId: docId('驿站'),
})

export const voucherStatsInput = z.object({ campaignId: docId('活动编号') })

export interface RedeemResult {
  prizeName: string
  campaignTitle: string
  stationName: string
  redeemedAt: string
  /** the winner's name, masked (张*) */
  nameMasked: string
}

export interface VoucherStationRow {
  /** '' for vouchers good at 任意驿站 (issued) */
  stationId: string
  stationName: string
  issued: number
  redeemed: number
}

export interface VoucherRedemption {
  prizeName: string
  nameMasked: string
  stationName: string
  redeemedAt: string
  keeperMasked: string
}

/** Staff's view of one campaign's 驿站券: counts, per station, and the latest redemptions (names masked). */
export interface VoucherStats {
  issued: number
  redeemed: number
  expired: number
  /** issued per configured station (任意驿站 as one row), redeemed per station where they were used */
  byStation: VoucherStationRow[]
  recent: VoucherRedemption[]
}
