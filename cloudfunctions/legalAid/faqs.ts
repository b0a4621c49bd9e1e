import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { MAX_FAQS, type Faq } from '../../src/contracts/legalAid/consult'
import { CATEGORIES } from '../../src/contracts/legalAid/schemas'
import { governsOrg, scopesOf, type OrgDoc } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { conflict, forbidden, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Store } from '../_core/store/port'

/**
 * 常见问答: each union's small curated list of frequent answers by 案由, edited by its staff (add, edit, order,
 * hide). A worker reads the county's visible entries before asking a lawyer.
 */
export const FAQS = 'legal_faqs'

export type FaqDoc = Omit<Faq, 'id'> & { _id: string; updatedAt: string; updatedBy: string }

const toFaq = (d: FaqDoc): Faq => ({
  id: d._id,
  orgId: d.orgId,
  category: d.category,
  question: d.question,
  answer: d.answer,
  hidden: d.hidden,
  order: d.order,
})

/** By 案由 in the app's order, then the order staff gave. */
function sorted(docs: FaqDoc[]): FaqDoc[] {
  const rank = (c: string) => CATEGORIES.indexOf(c as (typeof CATEGORIES)[number])
  return [...docs].sort((a, b) => rank(a.category) - rank(b.category) || a.order - b.order || a._id.localeCompare(b._id))
}

async function ofOrg(store: Store, orgId: string): Promise<FaqDoc[]> {
  return sorted(await store.find<FaqDoc>(FAQS, { where: { orgId }, limit: MAX_FAQS + 10 }))
}

async function governed(ctx: Ctx, orgId: string): Promise<void> {
  if (!(await governsOrg(ctx.store, ctx.caller, orgId))) throw forbidden('只能编辑本工会及下级工会的常见问答')
}

export const faqsAction: Impl<typeof legalAidApi.faqs> = {
  handler: async ({ orgId, category }, ctx) => {
    const org = orgId ?? (await requireCounty(ctx.store)).orgId
    const docs = (await ofOrg(ctx.store, org)).filter((d) => !d.hidden && (!category || d.category === category))
    return { items: docs.map(toFaq) }
  },
}

export const manageFaqsAction: Impl<typeof legalAidApi.manageFaqs> = {
  handler: async ({ orgId }, ctx) => {
    const org = orgId ?? [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
    if (!org) throw forbidden('您还没有所属工会')
    await governed(ctx, org)
    const doc = await ctx.store.get<OrgDoc>('orgs', org)
    if (!doc) throw notFound('工会不存在')
    return { orgId: org, orgName: doc.name, items: (await ofOrg(ctx.store, org)).map(toFaq) }
  },
}

export const saveFaqAction: Impl<typeof legalAidApi.saveFaq> = {
  audit: 'legalAid.saveFaq',
  handler: async (input, ctx) => {
    await governed(ctx, input.orgId)
    const now = ctx.now().toISOString()
    const all = await ofOrg(ctx.store, input.orgId)
    let before: FaqDoc | null = null
    if (input.id) {
      before = await ctx.store.get<FaqDoc>(FAQS, input.id)
      // an entry of another union is not found here, whatever its id
      if (!before || before.orgId !== input.orgId) throw notFound('这条问答不存在或已删除')
    } else if (all.length >= MAX_FAQS) {
      throw conflict(`常见问答最多 ${MAX_FAQS} 条，请先隐藏或修改已有的`)
    }
    // a new entry, or one moved to another 案由, goes last in its 案由
    const last = Math.max(0, ...all.filter((d) => d.category === input.category && d._id !== input.id).map((d) => d.order))
    const doc: FaqDoc = {
      _id: before?._id ?? `faq_${newId()}`,
      orgId: input.orgId,
      category: input.category,
      question: input.question,
      answer: input.answer,
      hidden: input.hidden,
      order: before && before.category === input.category ? before.order : last + 1,
      updatedAt: now,
      updatedBy: ctx.caller.openid,
    }
    await ctx.store.transaction(async (tx) => {
      await tx.put(FAQS, doc)
      await ctx.audit(tx, doc._id, before, doc)
    })
    return toFaq(doc)
  },
}

export const moveFaqAction: Impl<typeof legalAidApi.moveFaq> = {
  audit: 'legalAid.moveFaq',
  handler: async ({ id, direction }, ctx) => {
    const doc = await ctx.store.get<FaqDoc>(FAQS, id)
    if (!doc) throw notFound('这条问答不存在或已删除')
    await governed(ctx, doc.orgId)
    const siblings = (await ofOrg(ctx.store, doc.orgId)).filter((d) => d.category === doc.category)
    const at = siblings.findIndex((d) => d._id === id)
    const other = siblings[direction === 'up' ? at - 1 : at + 1]
    if (other) {
      // equal orders (written by hand) still swap places: give them the neighbours' positions in the list
      const [a, b] = direction === 'up' ? [at - 1, at] : [at, at + 1]
      await ctx.store.transaction(async (tx) => {
        await tx.update(FAQS, { _id: siblings[b]._id }, { set: { order: a + 1 } })
        await tx.update(FAQS, { _id: siblings[a]._id }, { set: { order: b + 1 } })
        for (const [i, d] of siblings.entries())
          if (i !== a && i !== b && d.order !== i + 1) await tx.update(FAQS, { _id: d._id }, { set: { order: i + 1 } })
        await ctx.audit(tx, id, { order: doc.order }, { direction })
      })
    }
    return { items: (await ofOrg(ctx.store, doc.orgId)).map(toFaq) }
  },
}
