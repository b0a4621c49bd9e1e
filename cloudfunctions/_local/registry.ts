import type { FunctionName } from '../../src/contracts/result'
import type { Actions } from '../_core/contract'
import { accountActions } from '../account/actions'
import { stationsActions } from '../stations/actions'
import { membershipActions } from '../membership/actions'
import { childcareActions } from '../childcare/actions'
import { legalAidActions } from '../legalAid/actions'
import { quizActions } from '../quiz/actions'

/** The same action tables the cloud entries export, served by the local gateway. */
export const FUNCTIONS: Record<FunctionName, Actions> = {
  account: accountActions,
  stations: stationsActions,
  membership: membershipActions,
  childcare: childcareActions,
  legalAid: legalAidActions,
  quiz: quizActions,
}
