import { cloudMain } from '../_core/cloud'
import { accountActions } from './actions'

export const main = cloudMain(accountActions)
