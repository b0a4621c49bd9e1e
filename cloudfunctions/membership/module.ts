import { defineModule } from '../_core/module'
import { membershipActions } from './actions'
import { ID_LOCKS, OPENID_LOCKS } from './model'
import { seedMembership } from './seed'

export default defineModule({
  actions: membershipActions,
  collections: {
    applications: { indexes: [['applicantOpenid', 'submittedAt'], ['orgId', 'status', 'submittedAt'], 'memberNo'] },
    employers: { indexes: ['orgId'] },
    [ID_LOCKS]: {},
    [OPENID_LOCKS]: {},
    counters: {},
  },
  seed: seedMembership,
})
