import QRCode from 'qrcode'
import {
  INVITE_CODE_LENGTH,
  INVITE_ROLES,
  STAFF_INVITABLE,
  type Activated,
  type InviteCreated,
  type InviteOptions,
} from '../../src/contracts/account/schemas'
import type { RoleGrant } from '../../src/contracts/roles'
import { hasAnyRole, loadCaller, orgChain, scopesOf, type Caller, type OrgDoc } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { findAll } from '../_core/paging'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { DuplicateKeyError, type Doc, type Store } from '../_core/store/port'
import { codeId, INVITE_TTL_MS, INVITES, newCode } from './codes'
import { addGrant, sameGrant } from './grants'

interface InviteDoc extends Doc {
  role: RoleGrant['role']
  /** the grant's scope: org id (staff/admin/lawyer), station id (keeper); null only in invitations from before lawyers were scoped */
  scope: string | null
  orgId: string
  orgName: string
  stationName?: string
  createdBy: string
  createdByName: string
  createdAt: string
  expiresAt: string
  maxUses: number
  uses: number
  usedBy: string[]
}

interface StationRef extends Doc {
  name: string
  orgId: string
  status: string
}

/** Whether `orgId` is at or below one of `scopes`. */
async function within(store: Store, scopes: string[], orgId: string): Promise<boolean> {
  if (!scopes.length) return false
  return (await orgChain(store, orgId)).some((id) => scopes.includes(id))
}

/** The caller's orgs and everything below them, parents first, with their depth under the caller's org. */
async function orgTree(store: Store, roots: string[]): Promise<InviteOptions['orgs']> {
  const all = await findAll<OrgDoc>(store, 'orgs')
  const byId = new Map(all.map((o) => [o._id, o]))
  const children = new Map<string, OrgDoc[]>()
  for (const o of all) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
  const out: InviteOptions['orgs'] = []
  const seen = new Set<string>()
  const walk = (o: OrgDoc, depth: number) => {
    if (seen.has(o._id)) return
    seen.add(o._id)
    out.push({ id: o._id, name: o.name, depth })
    for (const c of children.get(o._id) ?? []) walk(c, depth + 1)
  }
  for (const r of roots) {
    const o = byId.get(r)
    if (o) walk(o, 0)
  }
  return out
}

/** Staff and admin roles come only from an admin over that org; keepers and lawyers from staff or admin. */
function inviterScopes(caller: Caller, role: RoleGrant['role']): string[] {
  return role === 'staff' || role === 'admin' ? scopesOf(caller, 'admin') : [...scopesOf(caller, 'admin'), ...scopesOf(caller, 'staff')]
}

function invitableRoles(ctx: Ctx): RoleGrant['role'][] {
  return hasAnyRole(ctx.caller, ['admin']) ? INVITE_ROLES.map((r) => r.key) : [...STAFF_INVITABLE]
}

export async function inviteOptions(ctx: Ctx): Promise<InviteOptions> {
  const roots = [...new Set([...scopesOf(ctx.caller, 'admin'), ...scopesOf(ctx.caller, 'staff')])]
  const orgs = await orgTree(ctx.store, roots)
  const stations = orgs.length
    ? await ctx.store.find<StationRef>('stations', {
        where: { orgId: { $in: orgs.map((o) => o.id) }, status: 'active' },
        orderBy: [['name', 'asc']],
        limit: 500,
      })
    : []
  return { roles: invitableRoles(ctx), orgs, stations: stations.map((s) => ({ id: s._id, name: s.name, orgId: s.orgId })) }
}

export async function createInvite(input: { role: RoleGrant['role']; orgId?: string; stationId?: string }, ctx: Ctx): Promise<InviteCreated> {
  if (!invitableRoles(ctx).includes(input.role)) {
    throw forbidden('工会干部可以邀请驿站站长和法律援助律师；邀请工会干部或管理员请联系管理员')
  }
  let orgId: string
  let scope: string
  let stationName: string | undefined
  if (input.role === 'keeper') {
    const station = await ctx.store.get<StationRef>('stations', input.stationId as string)
    if (!station || station.status !== 'active') throw notFound('所选驿站不存在或已撤销')
    orgId = station.orgId
    scope = station._id
    stationName = station.name
  } else {
    orgId = input.orgId as string
    // Every grant has a scope: a lawyer serves the union that invited them and the unions below it.
    scope = orgId
  }
  const org = await ctx.store.get<OrgDoc>('orgs', orgId)
  if (!org) throw notFound('所选工会不存在')
  if (!(await within(ctx.store, inviterScopes(ctx.caller, input.role), orgId))) throw forbidden('只能邀请本工会及下级工会的工作人员')

  const now = ctx.now()
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS)
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode(INVITE_CODE_LENGTH)
    const doc: InviteDoc = {
      _id: codeId('invite', code),
      role: input.role,
      scope,
      orgId,
      orgName: org.name,
      ...(stationName ? { stationName } : {}),
      createdBy: ctx.caller.openid,
      createdByName: ctx.caller.name,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      maxUses: 1,
      uses: 0,
      usedBy: [],
    }
    try {
      await ctx.store.insert(INVITES, doc)
    } catch (e) {
      if (e instanceof DuplicateKeyError) continue
      throw e
    }
    const qr = await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 1, width: 320, color: { dark: '#1F2329', light: '#FFFFFF' } })
    return { code, role: input.role, orgName: org.name, ...(stationName ? { stationName } : {}), expiresAt: expiresAt.toISOString(), qr }
  }
  throw new Error('could not draw an unused invite code')
}

function usable(doc: InviteDoc | null, now: Date): InviteDoc {
  if (!doc) throw notFound('邀请码不正确，请核对后重新输入')
  if (doc.uses >= doc.maxUses) throw conflict('这个邀请码已被使用，请让邀请人重新生成')
  if (doc.expiresAt <= now.toISOString()) throw new AppError('CLOSED', '这个邀请码已过期（有效期 72 小时），请让邀请人重新生成')
  return doc
}

export async function acceptInvite({ code, name }: { code: string; name: string }, ctx: Ctx): Promise<Activated> {
  const id = codeId('invite', code)
  const first = usable(await ctx.store.get<InviteDoc>(INVITES, id), ctx.now())
  // Nobody raises their own role: an invitation is for someone else (a cadre inviting themselves as a lawyer).
  if (first.createdBy === ctx.caller.openid) throw forbidden('不能使用自己生成的邀请码，请交给被邀请人本人激活')
  // An invitation from before lawyers were scoped gets the inviting union as its scope.
  const scope = first.scope ?? (first.role === 'lawyer' ? first.orgId : null)
  const grant: RoleGrant = scope ? { role: first.role, scope } : { role: first.role }
  // The inviter must still hold the role that let them invite there: a revoked cadre's codes die with the grant.
  const inviter = await loadCaller(ctx.store, first.createdBy)
  if (!(await within(ctx.store, inviterScopes(inviter, first.role), first.orgId))) {
    throw forbidden('邀请人已不再负责该工会，这个邀请码已失效，请联系工会重新邀请')
  }
  if (ctx.caller.grants.some((g) => sameGrant(g, grant))) throw conflict('您已经拥有这个身份，无需再次激活')
  return ctx.store.transaction(async (tx: Store) => {
    const now = ctx.now()
    const inv = usable(await tx.get<InviteDoc>(INVITES, id), now)
    await tx.update(INVITES, { _id: id }, { inc: { uses: 1 }, set: { usedBy: [...inv.usedBy, ctx.caller.openid], lastUsedAt: now.toISOString() } })
    const { before, after } = await addGrant(tx, {
      openid: ctx.caller.openid,
      name,
      grant,
      orgId: inv.orgId,
      orgName: inv.orgName,
      stationName: inv.stationName,
      at: now,
      by: inv.createdBy,
      byName: inv.createdByName,
    })
    await ctx.audit(tx, ctx.caller.openid, { grants: before }, { grants: after, via: 'invite', invitedBy: inv.createdBy })
    return { role: inv.role, placeName: inv.stationName ?? inv.orgName }
  })
}
