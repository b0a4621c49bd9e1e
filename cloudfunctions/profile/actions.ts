import { profileApi } from '../../src/contracts/profile/api'
import type { DeleteMyDataResult, ProfileSummary } from '../../src/contracts/profile/schemas'
import { implement, type Ctx } from '../_core/contract'
import { count, type Erasure } from '../_core/personal'
import { personalModules } from '../_core/personal-registry'
import { APPLICATIONS, type ApplicationDoc } from '../membership/model'
import { BOOKINGS, CHILDREN } from '../childcare/model'
import { CASES } from '../legalAid/model'
import { changePhoneAction, PROFILES, verifyPhoneAction, type ProfileDoc } from './phone'

const OUTBOX = 'outbox'

async function latestApplication(ctx: Ctx): Promise<ApplicationDoc | null> {
  const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid },
    orderBy: [['submittedAt', 'desc']],
    limit: 1,
  })
  return doc ?? null
}

/**
 * 删除我的数据 over every domain's declaration (`cloudfunctions/<domain>/personal.ts`): each domain's own eraser
 * first (rules such as a running booking or an archived case), then every collection declared `delete` by its
 * owner field, then each `keep` collection in which the caller has records is listed with reason and retention.
 */
async function eraseEverything(ctx: Ctx): Promise<Erasure> {
  const openid = ctx.caller.openid
  const out: Erasure = { deleted: {}, kept: [], files: 0 }
  const modules = Object.values(personalModules())
  for (const m of modules) if (m.erase) await m.erase(ctx, out)
  const seen = new Set<string>()
  for (const m of modules) {
    for (const [name, decl] of Object.entries(m.collections)) {
      if (seen.has(name) || 'none' in decl) continue
      seen.add(name)
      if (decl.erase === 'delete') count(out, name, await ctx.store.remove(name, { [decl.owner]: openid }))
      else if (decl.erase === 'keep' && (await ctx.store.count(name, { [decl.owner]: openid })) > 0) {
        if (!out.kept.some((k) => k.what === decl.what)) out.kept.push({ what: decl.what, reason: decl.reason, retention: decl.retention })
      }
    }
  }
  return out
}

export const profileActions = implement(profileApi, {
  summary: {
    handler: async (_input, ctx): Promise<ProfileSummary> => {
      const openid = ctx.caller.openid
      const [app, profile] = await Promise.all([latestApplication(ctx), ctx.store.get<ProfileDoc>(PROFILES, openid)])
      const phoneMasked = profile?.phoneMasked ?? app?.phoneMasked
      const [membershipApplications, children, bookings, notices, legalCases] = await Promise.all([
        ctx.store.count(APPLICATIONS, { applicantOpenid: openid }),
        ctx.store.count(CHILDREN, { parentOpenid: openid, deletedAt: null }),
        ctx.store.count(BOOKINGS, { parentOpenid: openid }),
        ctx.store.count(OUTBOX, { openid }),
        ctx.store.count(CASES, { applicantOpenid: openid }),
      ])
      return {
        name: ctx.caller.name,
        ...(phoneMasked ? { phoneMasked } : {}),
        ...(profile?.phoneMasked ? { phoneVerified: true } : {}),
        ...(app ? { membershipStatus: app.status } : {}),
        holdings: { membershipApplications, children, bookings, notices, legalCases },
      }
    },
  },

  deleteMyData: {
    audit: 'profile.deleteMyData',
    // Each call walks all of a person's records: a few a minute is plenty for a button that is pressed once.
    rateLimit: { key: (_i, ctx) => `profile-delete:${ctx.caller.openid}`, max: 3, perMs: 60_000, message: '操作太频繁了，请一分钟后再试' },
    handler: async (_input, ctx): Promise<DeleteMyDataResult> => {
      const out = await eraseEverything(ctx)
      const d = out.deleted
      const main = { membershipApplications: d[APPLICATIONS] ?? 0, children: d[CHILDREN] ?? 0, bookings: d[BOOKINGS] ?? 0, notices: d[OUTBOX] ?? 0 }
      const total = Object.values(d).reduce((a, b) => a + b, 0)
      const other = total - Object.values(main).reduce((a, b) => a + b, 0)
      ctx.log.info('my_data_deleted', { ...d, files: out.files, kept: out.kept.length })
      return { deleted: { ...main, other, files: out.files }, kept: out.kept }
    },
  },

  verifyPhone: verifyPhoneAction,
  changePhone: changePhoneAction,
})
