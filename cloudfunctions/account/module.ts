import { defineModule } from '../_core/module'
import { accountActions } from './actions'
import { countySettings } from '../_core/county'
import { scopeLegacyLawyerGrants } from './grants'

export default defineModule({
  actions: accountActions,
  // A one-time repair of old lawyer grants (each run after the first is one read): hourly is plenty.
  timerEvery: 'hour',
  onTimer: async (ctx) => ({
    lawyerGrantsScoped: await scopeLegacyLawyerGrants(ctx.store, (await countySettings(ctx.store))?.orgId ?? null, ctx.now()),
  }),
  collections: {
    // _id is SHA-256 of the code: looked up by id only
    activation_codes: {},
    invites: { indexes: [['createdBy', 'createdAt']] },
    role_grants: { indexes: [['orgId', 'grantedAt'], 'openid'] },
    // read for the invite page's station picker (declared by stations too; the declarations merge)
    stations: { indexes: [['orgId', 'name']] },
  },
})
