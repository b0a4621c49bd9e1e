import type { TestGateway } from '../integration/harness'
import { campaignInput } from '../integration/quiz-helpers'
import { FORM as CASE_FORM } from '../integration/legalaid-helpers'
import { classInput } from './childcare'
import { applyForm, idFor } from './membership'

/**
 * The setup many tests repeat, over the typed client: each goes through the real actions (no store shortcuts),
 * and a refusal throws naming the action, so a test's own assertions are about what it tests.
 */

/** An approved member: applies as `openid` (a fresh 身份证号 from `seq`), approved by `reviewer` (routed staff). */
export async function approvedMember(
  gw: TestGateway,
  openid: string,
  { seq = 123, reviewer = 'demo-staff', form = {} }: { seq?: number; reviewer?: string; form?: Parameters<typeof applyForm>[0] } = {},
) {
  const token = await gw.login(openid)
  const app = await gw.as(token).ok('membership', 'apply', applyForm({ idNumber: idFor(seq), ...form }))
  const member = await gw.as(await gw.login(reviewer)).ok('membership', 'review', { id: app.id, decision: 'approve' })
  return { token, appId: app.id, member }
}

/** A 暑期托管 class opened by `staff` (county staff by default), with `classInput` overrides. */
export async function openClass(gw: TestGateway, over: Record<string, unknown> = {}, staff = 'demo-staff') {
  return gw.as(await gw.login(staff)).ok('childcare', 'upsertClass', classInput(over) as never)
}

/** A 法律援助 case submitted by `openid`, with form overrides. */
export async function submittedCase(gw: TestGateway, openid = 'demo-worker', over: Record<string, unknown> = {}) {
  return gw.as(await gw.login(openid)).ok('legalAid', 'submit', { ...CASE_FORM, ...over } as never)
}

/** A running quiz campaign created by `staff`, with `campaignInput` overrides. */
export async function runningCampaign(gw: TestGateway, over: Record<string, unknown> = {}, staff = 'demo-staff') {
  return gw.as(await gw.login(staff)).ok('quiz', 'upsertCampaign', campaignInput(over) as never)
}
