import * as z from 'zod'
import '../zod'
import { docId, optionalText, text } from '../fields'
import type { PrizeKind } from './schemas'

/**
 * How each kind of prize really reaches the winner. There is no payment integration: cash is transferred by
 * union staff, who record the transfer; nothing is paid automatically.
 */
export const PRIZE_DELIVERY: Record<PrizeKind, string> = {
  goods: '实物奖品由工会工作人员寄出（或通知您到工会领取）。寄出后这里显示「已发放」和快递单号等记录。',
  phone_credit: '话费由工会工作人员充值到您填写的手机号。充值后这里显示「已发放」。',
  red_packet: '现金红包由工会工作人员转账发放（小程序不会自动发红包）。工作人员会按您留的手机号联系您，转账后这里显示「已发放」和转账记录。',
  voucher: '领取后立即显示券码和二维码，在有效期内到券上写明的驿站（或任意驿站）出示，由站长扫码核销，每张券只能用一次；核销后这里显示「已核销」。',
}

/** 待发放 → 已发放 (staff recorded how) → 已核销 (a voucher used at the shop). */
export type DeliveryStatus = 'pending' | 'delivered' | 'redeemed'
export const DELIVERY_LABELS: Record<DeliveryStatus, string> = { pending: '待发放', delivered: '已发放', redeemed: '已核销' }

/** What staff must write when marking a prize delivered, by kind. */
export const DELIVERY_NOTE_LABEL: Record<PrizeKind, string> = {
  goods: '快递公司和单号（或领取方式）',
  phone_credit: '充值记录（如充值流水号）',
  red_packet: '转账记录（方式、金额、流水号）',
  voucher: '备注',
}

export const deliveriesInput = z.object({
  campaignId: docId('活动编号'),
  status: z.enum(['pending', 'delivered', 'redeemed', 'all'], { error: '状态不正确' }).default('pending'),
})

export const markDeliveredInput = z.object({
  drawId: docId('抽奖编号'),
  note: text('发放记录', { min: 2, max: 100 }),
})

export const markRedeemedInput = z.object({
  drawId: docId('抽奖编号'),
  note: optionalText('备注', { max: 100 }),
})

/** One claimed prize as staff see it: contact details masked (the winners export has them in full). */
export interface DeliveryItem {
  drawId: string
  prizeName: string
  kind: PrizeKind
  status: DeliveryStatus
  claimedAt: string
  nameMasked?: string
  phoneMasked?: string
  addressMasked?: string
  deliveredAt?: string
  deliveredByName?: string
  deliveryNote?: string
  redeemedAt?: string
}
