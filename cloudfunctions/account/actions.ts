import type { Me } from '../../src/contracts/roles'
import { implement } from '../_core/contract'
import { accountApi } from '../../src/contracts/account/api'
import { rolesOf, type OrgDoc } from '../_core/auth'

export const accountActions = implement(accountApi, {
  /** Who the caller is and what they may do; the app shows 工作台 from this, the server never trusts it back. */
  me: {
    handler: async (_input, ctx): Promise<Me> => {
      const orgIds = [...new Set(ctx.caller.grants.filter((g) => g.role === 'staff' || g.role === 'admin').map((g) => g.scope!))]
      const orgs: Me['orgs'] = []
      for (const id of orgIds) {
        const org = await ctx.store.get<OrgDoc>('orgs', id)
        if (org) orgs.push({ id, name: org.name })
      }
      return { openid: ctx.caller.openid, name: ctx.caller.name || '微信用户', roles: rolesOf(ctx.caller), grants: ctx.caller.grants, orgs }
    },
  },
})
