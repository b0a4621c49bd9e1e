import type { CaseDetail } from '@/contracts/legalAid/schemas'
import type { ApiResult } from '@/contracts/result'
import type { Mutation } from '@/data'

/** One change to the case: the request to send and the toast after it. Every answer is the case as it now stands. */
export interface CaseStep {
  send: () => Promise<ApiResult<CaseDetail>>
  done: string
}
export type CaseAct = Mutation<CaseDetail, CaseStep>
