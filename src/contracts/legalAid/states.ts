import type { CaseStatus } from './schemas'

/**
 * The case state machine, shared by the server (which enforces it) and the pages (which only offer legal
 * steps). Each step names who may take it; anything not listed here is refused with CONFLICT.
 *
 * 已提交 → 已受理 (accept) | 不予受理 (decline)
 * 已受理 → 已指派 (assign); 已指派 → 已指派 (re-assign before work starts)
 * 已指派 → 办理中 (start) → 已办结 (close, with an outcome)
 * 已提交 / 已受理 / 已指派 / 办理中 → 已办结 (withdraw by the applicant, outcome 撤回)
 */
export type Step = 'accept' | 'decline' | 'assign' | 'start' | 'close' | 'withdraw'
export type Actor = 'applicant' | 'staff' | 'lawyer'

export const STEPS: Record<Step, { from: CaseStatus[]; to: CaseStatus; by: Actor[] }> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['staff'] },
  decline: { from: ['submitted'], to: 'declined', by: ['staff'] },
  assign: { from: ['accepted', 'assigned'], to: 'assigned', by: ['staff'] },
  start: { from: ['assigned'], to: 'in_progress', by: ['lawyer', 'staff'] },
  close: { from: ['in_progress'], to: 'closed', by: ['lawyer', 'staff'] },
  withdraw: { from: ['submitted', 'accepted', 'assigned', 'in_progress'], to: 'closed', by: ['applicant'] },
}

export function canStep(step: Step, from: CaseStatus, actor: Actor): boolean {
  const s = STEPS[step]
  return s.from.includes(from) && s.by.includes(actor)
}

/** Every state, and the steps that leave it (for tests and the pages). */
export function stepsFrom(from: CaseStatus): Step[] {
  return (Object.keys(STEPS) as Step[]).filter((k) => STEPS[k].from.includes(from))
}
