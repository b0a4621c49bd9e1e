import type { Me } from '../../src/contracts/roles'
import { implement } from '../_core/contract'
import { accountApi } from '../../src/contracts/account/api'
import { rolesOf, type OrgDoc } from '../_core/auth'
import { redeemActivation } from './activation'
import { acceptInvite, createInvite, inviteOptions } from './invites'
import { listRoles, revokeGrant } from './roles'
import { uploadTarget } from '../_core/uploads'

const TEN_MINUTES = 10 * 60 * 1000
/** Guessing a code: 5 tries per 10 minutes per person, for both kinds together. */
const codeTries = {
  key: (_: unknown, c: { caller: { openid: string } }) => `staff-code:${c.caller.openid}`,
  max: 5,
  perMs: TEN_MINUTES,
  message: '尝试次数过多，请 10 分钟后再试',
}

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
  redeemActivation: { handler: redeemActivation, rateLimit: codeTries, audit: 'account.roles' },
  acceptInvite: { handler: acceptInvite, rateLimit: codeTries, audit: 'account.roles' },
  inviteOptions: { handler: async (_input, ctx) => inviteOptions(ctx) },
  createInvite: {
    handler: createInvite,
    rateLimit: { key: (_, c) => `invite:${c.caller.openid}`, max: 30, perMs: 3600 * 1000, message: '一小时内生成的邀请过多，请稍后再试' },
  },
  listRoles: { handler: async (_input, ctx) => listRoles(ctx) },
  revokeGrant: { handler: revokeGrant, audit: 'account.roles' },
  uploadTarget: {
    handler: async (input, ctx) => uploadTarget(ctx, input),
    rateLimit: { key: (_, c) => `upload:${c.caller.openid}`, max: 120, perMs: 3600 * 1000, message: '上传太频繁，请稍后再试' },
  },
})
