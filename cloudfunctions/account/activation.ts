import type { Activated } from '../../src/contracts/account/schemas'
import type { OrgDoc } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { AppError, conflict, notFound } from '../_core/errors'
import type { Store } from '../_core/store/port'
import { ACTIVATION_CODES, codeId, type ActivationDoc } from './codes'
import { addGrant } from './grants'

function usable(doc: ActivationDoc | null, now: Date): ActivationDoc {
  if (!doc) throw notFound('激活码不正确，请核对后重新输入')
  if (doc.usedBy) throw conflict('这个激活码已被使用过，每个激活码只能用一次。如需新的激活码，请联系部署人员')
  if (doc.expiresAt <= now.toISOString()) throw new AppError('CLOSED', '这个激活码已过期（有效期 7 天），请联系部署人员重新生成')
  return doc
}

/**
 * The first admin of the county federation. The check before the transaction only answers wrong codes
 * quickly; the one that counts runs again inside it, so of two people entering the code at once one wins.
 */
export async function redeemActivation({ code, name }: { code: string; name: string }, ctx: Ctx): Promise<Activated> {
  const id = codeId('activation', code)
  const first = usable(await ctx.store.get<ActivationDoc>(ACTIVATION_CODES, id), ctx.now())
  const org = await ctx.store.get<OrgDoc>('orgs', first.orgId)
  if (!org) throw notFound('激活码对应的工会不存在，请联系部署人员')
  return ctx.store.transaction(async (tx: Store) => {
    const now = ctx.now()
    usable(await tx.get<ActivationDoc>(ACTIVATION_CODES, id), now)
    await tx.update(ACTIVATION_CODES, { _id: id }, { set: { usedBy: ctx.caller.openid, usedAt: now.toISOString() } })
    const { before, after } = await addGrant(tx, {
      openid: ctx.caller.openid,
      name,
      grant: { role: 'admin', scope: org._id },
      orgId: org._id,
      orgName: org.name,
      at: now,
      by: ctx.caller.openid,
      byName: name,
    })
    await ctx.audit(tx, ctx.caller.openid, { grants: before }, { grants: after, via: 'activation' })
    return { role: 'admin', placeName: org.name }
  })
}
