import { implement } from '../_core/contract'
import { defineModule } from '../_core/module'
import { quizApi } from '../../src/contracts/quiz/api'

/** Not open yet: the app shows 「即将开放」 and every call answers NOT_FOUND until its issue lands. */
export default defineModule({ actions: implement(quizApi, {}) })
