import { cloudMain } from '../_core/cloud'
import { childcareActions } from './actions'

export const main = cloudMain(childcareActions)
