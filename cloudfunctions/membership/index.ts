import { cloudMain } from '../_core/cloud'
import { membershipActions } from './actions'

export const main = cloudMain(membershipActions)
