import { defineModule } from '../_core/module'
import { accountActions } from './actions'

export default defineModule({ actions: accountActions })
