import { cloudMain } from '../_core/cloud'
import { legalAidActions } from './actions'

export const main = cloudMain(legalAidActions)
