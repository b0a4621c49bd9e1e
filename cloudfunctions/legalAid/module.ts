import { defineModule } from '../_core/module'
import { legalAidActions } from './actions'
import { ACCESS_LOG, CASES, FILES, MESSAGES, SETTINGS } from './model'
import { seedLegalAid } from './seed'
import { HOLIDAYS } from '../_core/holidays'

export default defineModule({
  actions: legalAidActions,
  collections: {
    [CASES]: {
      indexes: [
        ['applicantOpenid', 'submittedAt'],
        ['orgId', 'status', 'submittedAt'],
        ['lawyerOpenid', 'status'],
      ],
    },
    [MESSAGES]: { indexes: [['caseId', 'at']] },
    [FILES]: { indexes: ['caseId', 'ownerOpenid'] },
    [ACCESS_LOG]: { indexes: [['caseId', 'at']] },
    [SETTINGS]: {},
    // the union's holiday calendar (orgs manages it): read for working-day deadlines
    [HOLIDAYS]: { indexes: ['year'] },
  },
  seed: seedLegalAid,
})
