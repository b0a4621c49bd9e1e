import { defineModule } from '../_core/module'
import { membershipActions } from './actions'
import { ID_LOCKS, OPENID_LOCKS } from './model'
import { seedMembership } from './seed'
import { TRANSFERS } from './transfer'
import { PHONE_CHECKS } from './phone'
import { DRIVES } from './drives'
import { INACTIVE_REVIEWS } from './inactive'

export default defineModule({
  actions: membershipActions,
  collections: {
    applications: {
      indexes: [
        ['applicantOpenid', 'submittedAt'],
        ['orgId', 'status', 'submittedAt'],
        ['orgId', 'status', 'activeAt'],
        'memberNo',
        ['orgId', 'phoneTail'],
        ['driveCode', 'status'],
      ],
    },
    // 集中入会 codes (`_id` is the code): staff list theirs by union
    [DRIVES]: { indexes: [['orgId', 'createdAt']] },
    // 会籍转移: staff queues by receiving and by leaving union; the member's own latest
    [TRANSFERS]: {
      indexes: [
        ['toOrgId', 'status', 'requestedAt'],
        ['fromOrgId', 'status', 'requestedAt'],
        ['applicantOpenid', 'requestedAt'],
      ],
    },
    // 半年无活动 review marks: `_id` is `<year>:<member record>`, read by id
    [INACTIVE_REVIEWS]: {},
    employers: { indexes: ['orgId'] },
    [ID_LOCKS]: {},
    [OPENID_LOCKS]: {},
    counters: {},
    // a WeChat-verified number waiting for the form that asked (`_id` = openid)
    [PHONE_CHECKS]: {},
    // 核验码 of card QRs: `_id` is the code; expired ones are cleared per member on the next issue
    card_codes: { indexes: [['memberNo', 'expiresAt']] },
  },
  seed: seedMembership,
})
