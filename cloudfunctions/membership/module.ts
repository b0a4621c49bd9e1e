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
    // 核验码 of card QRs: `_id` is the code; expired ones are cleared per member on the next issue
    card_codes: { indexes: [['memberNo', 'expiresAt']] },
  },
  seed: seedMembership,
})
