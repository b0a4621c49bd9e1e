import { CATEGORY_LABELS, STATUS_LABELS } from '../../src/contracts/legalAid/schemas'
import { STEPS, type Actor, type Step } from '../../src/contracts/legalAid/states'
import type { Ctx } from '../_core/contract'
import { conflict, forbidden } from '../_core/errors'
import { CASES, type CaseDoc } from './model'
import { loadCase, officialOn, PAGE, roleOn } from './shared'

const STEP_VERBS: Record<Step, string> = {
  accept: '受理',
  decline: '不予受理',
  assign: '指派律师',
  start: '开始办理',
  close: '办结',
  withdraw: '撤回',
  requestDocs: '要求补充材料',
  supplyDone: '提交补充材料',
  lapse: '视为撤回',
  object: '提出异议',
  uphold: '审查异议',
  overturn: '审查异议',
}

/**
 * One step of the state machine: checks who the caller is to the case and that the step may leave its
 * current state, then applies the change, its timeline entry, audit record and notices in one transaction.
 */
export async function move(
  ctx: Ctx,
  id: string,
  step: Step,
  change: (doc: CaseDoc, at: Date) => Partial<CaseDoc> & { note: string },
  notices: (next: CaseDoc) => Array<{ openid: string; title: string; body: string }>,
): Promise<CaseDoc> {
  const doc = await loadCase(ctx.store, id)
  const actor: Actor =
    step === 'lapse'
      ? 'system'
      : step === 'withdraw' || step === 'supplyDone' || step === 'object'
        ? await roleOn(ctx, doc)
        : await officialOn(ctx, doc)
  const rule = STEPS[step]
  if (!rule.by.includes(actor))
    throw forbidden(
      actor === 'lawyer'
        ? `律师不能${STEP_VERBS[step]}案件`
        : actor === 'applicant'
          ? '只有工作人员能办理这一步'
          : `只有申请人本人能${STEP_VERBS[step]}`,
    )
  if (!rule.from.includes(doc.status)) throw conflict(`案件${STATUS_LABELS[doc.status]}，不能${STEP_VERBS[step]}`)
  const at = ctx.now()
  const next = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<CaseDoc>(CASES, id)
    if (!current || current.status !== doc.status || current.lawyerOpenid !== doc.lawyerOpenid) return null
    const { note, ...fields } = change(current, at)
    const after: CaseDoc = {
      ...current,
      ...fields,
      status: rule.to,
      timeline: [
        ...current.timeline,
        {
          at: at.toISOString(),
          status: rule.to,
          note,
          by: actor === 'system' ? '系统' : ctx.caller.name || (actor === 'applicant' ? '申请人' : '工作人员'),
        },
      ],
    }
    await tx.put(CASES, after)
    await ctx.audit(tx, id, { status: current.status, lawyer: current.lawyerOpenid }, { status: after.status, lawyer: after.lawyerOpenid, step })
    for (const n of notices(after)) {
      await ctx.notify(tx, {
        openid: n.openid,
        template: 'legal_aid_update',
        title: n.title,
        body: n.body,
        page: `${PAGE}?id=${id}`,
        data: { category: CATEGORY_LABELS[after.category], status: STATUS_LABELS[after.status], note: n.body.slice(0, 20) },
      })
    }
    return after
  })
  if (!next) throw conflict('案件刚刚已被其他人处理，请刷新后再试')
  ctx.log.info('legal_aid_step', { id, step, to: rule.to })
  return next
}

export const toApplicant = (title: string, body: string) => (d: CaseDoc) => [{ openid: d.applicantOpenid, title, body }]
