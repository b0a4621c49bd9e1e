import type { Ctx } from './contract'

/** Who did what to which record, with the state before and after; kept for the union's own checks. */
export async function audit(ctx: Ctx, action: string, targetId: string, before: unknown, after: unknown): Promise<void> {
  await ctx.store.insert('audit_log', {
    at: ctx.now().toISOString(),
    actor: ctx.caller.openid,
    actorName: ctx.caller.name,
    action,
    targetId,
    before: before ?? null,
    after: after ?? null,
  })
}
