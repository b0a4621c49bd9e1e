import { defineModule } from '../_core/module'
import { orgsActions } from './actions'
import { HOLIDAYS } from '../_core/holidays'

export default defineModule({
  actions: orgsActions,
  // orgs, areas and settings are core collections (every function reads them); employers is shared with 入会.
  collections: {
    employers: { indexes: ['employerId', ['orgId', 'name']] },
    // 节假日安排: one document per year, entered by the county's admins
    [HOLIDAYS]: { indexes: ['year'] },
    // _id from the normalized org name: looked up by id only
    org_names: {},
  },
})
