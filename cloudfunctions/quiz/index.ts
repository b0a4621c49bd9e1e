import { cloudMain } from '../_core/cloud'
import { quizActions } from './actions'

export const main = cloudMain(quizActions)
