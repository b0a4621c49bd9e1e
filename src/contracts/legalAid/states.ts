import type { CaseStatus } from './schemas'

/**
 * The case state machine, shared by the server (which enforces it) and the pages (which only offer legal
 * steps). Each step names who may take it; anything not listed here is refused with CONFLICT.
 *
 * 已提交 → 已受理 (accept) | 不予受理 (decline) | 待补充材料 (requestDocs, 一次性告知)
 * 待补充材料 → 已提交 (supplyDone by the applicant) | 已办结 (the timer: no reply by the deadline, 视为撤回)
 * 已受理 → 已指派 (assign); 已指派 → 已指派 (re-assign before work starts)
 * 已指派 → 办理中 (start) → 已办结 (close, with an outcome)
 * 不予受理 → 异议审查中 (object, by the applicant, once) → 不予受理 (uphold) | 已提交 (overturn: the union decides again)
 * 已提交 / 待补充材料 / 已受理 / 已指派 / 办理中 → 已办结 (withdraw by the applicant, outcome 撤回)
 */
export type Step =
  'accept' | 'decline' | 'requestDocs' | 'supplyDone' | 'lapse' | 'object' | 'uphold' | 'overturn' | 'assign' | 'start' | 'close' | 'withdraw'
export type Actor = 'applicant' | 'staff' | 'lawyer' | 'system'
/** a person with a part in the case (the system takes only the timer's step) */
export type Party = Exclude<Actor, 'system'>

export const STEPS: Record<Step, { from: CaseStatus[]; to: CaseStatus; by: Actor[] }> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['staff'] },
  decline: { from: ['submitted'], to: 'declined', by: ['staff'] },
  requestDocs: { from: ['submitted'], to: 'needs_docs', by: ['staff'] },
  supplyDone: { from: ['needs_docs'], to: 'submitted', by: ['applicant'] },
  lapse: { from: ['needs_docs'], to: 'closed', by: ['system'] },
  object: { from: ['declined'], to: 'objecting', by: ['applicant'] },
  uphold: { from: ['objecting'], to: 'declined', by: ['staff'] },
  overturn: { from: ['objecting'], to: 'submitted', by: ['staff'] },
  assign: { from: ['accepted', 'assigned'], to: 'assigned', by: ['staff'] },
  start: { from: ['assigned'], to: 'in_progress', by: ['lawyer', 'staff'] },
  close: { from: ['in_progress'], to: 'closed', by: ['lawyer', 'staff'] },
  withdraw: { from: ['submitted', 'needs_docs', 'accepted', 'assigned', 'in_progress'], to: 'closed', by: ['applicant'] },
}

export function canStep(step: Step, from: CaseStatus, actor: Actor): boolean {
  const s = STEPS[step]
  return s.from.includes(from) && s.by.includes(actor)
}

/** Every state, and the steps that leave it (for tests and the pages). */
export function stepsFrom(from: CaseStatus): Step[] {
  return (Object.keys(STEPS) as Step[]).filter((k) => STEPS[k].from.includes(from))
}
