import { defineModule } from '../_core/module'
import { legalAidActions } from './actions'
import { ACCESS_LOG, CASES, FILES, MESSAGES, SETTINGS } from './model'
import { seedLegalAid } from './seed'
import { lapseDocs } from './docs'
import { POLICIES } from './policy'
import { CONSULTS } from './consult'
import { FAQS } from './faqs'
import { HOLIDAYS } from '../_core/holidays'

export default defineModule({
  actions: legalAidActions,
  collections: {
    [CASES]: {
      indexes: [
        ['applicantOpenid', 'submittedAt'],
        ['orgId', 'status', 'submittedAt'],
        ['lawyerOpenid', 'status'],
        // the 补充材料 timer: cases waiting for documents by their deadline
        ['status', 'dueAt'],
      ],
    },
    [MESSAGES]: { indexes: [['caseId', 'at']] },
    [FILES]: { indexes: ['caseId', 'ownerOpenid'] },
    [ACCESS_LOG]: { indexes: [['caseId', 'at']] },
    [SETTINGS]: {},
    // each union's means test (policy.ts), keyed by org id
    [POLICIES]: {},
    // the union's holiday calendar (orgs manages it): read for working-day deadlines
    [HOLIDAYS]: { indexes: ['year'] },
    // 咨询: the asker's list, and each union's queue (open ones oldest first)
    [CONSULTS]: {
      indexes: [
        ['askerOpenid', 'askedAt'],
        ['orgId', 'status', 'askedAt'],
      ],
    },
    // 常见问答, read whole per union (a few dozen entries)
    [FAQS]: { indexes: ['orgId'] },
  },
  seed: seedLegalAid,
  // 补充材料 deadlines end at 24:00 Beijing; the reminder goes a day ahead: an hourly look is close enough
  onTimer: lapseDocs,
  timerEvery: 'hour',
})
