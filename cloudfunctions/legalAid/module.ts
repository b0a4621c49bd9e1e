import { implement } from '../_core/contract'
import { defineModule } from '../_core/module'
import { legalAidApi } from '../../src/contracts/legalAid/api'

/** Not open yet: the app shows 「即将开放」 and every call answers NOT_FOUND until its issue lands. */
export default defineModule({ actions: implement(legalAidApi, {}) })
