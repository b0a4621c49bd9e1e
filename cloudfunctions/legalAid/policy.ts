import type { legalAidApi } from '../../src/contracts/legalAid/api'
import type { MeansPolicy, SubmitInput } from '../../src/contracts/legalAid/schemas'
import { governsOrg, orgChain, scopesOf, type OrgDoc } from '../_core/auth'
import type { Impl } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { forbidden, invalid, notFound } from '../_core/errors'
import type { Store } from '../_core/store/port'

/**
 * Each union's means test (经济困难审查), found like the deadlines: the receiving union's own, else the nearest union
 * above it, else none (零门槛). Checked at submission against the applicant's own statement (第四十一条 个人诚信承诺);
 * the law's exemptions (第四十二条: 农民工 claiming wages or 工伤 compensation, people on social assistance) skip it.
 */
export const POLICIES = 'legal_policies'

type PolicyDoc = { _id: string; meansTest: boolean; incomeThreshold: number | null; minAmount: number | null }

export async function policyFor(store: Store, orgId: string): Promise<MeansPolicy> {
  for (const id of await orgChain(store, orgId)) {
    const p = await store.get<PolicyDoc>(POLICIES, id)
    if (p) {
      const org = await store.get<OrgDoc>('orgs', id)
      return { orgId: id, orgName: org?.name ?? '', meansTest: p.meansTest, incomeThreshold: p.incomeThreshold, minAmount: p.minAmount }
    }
  }
  const org = await store.get<OrgDoc>('orgs', orgId)
  return { orgId, orgName: org?.name ?? '', meansTest: false, incomeThreshold: null, minAmount: null }
}

interface MeansResult {
  /** no means test applies: the union does not test, or the law exempts this applicant */
  exempt: boolean
  /** what staff read on the case */
  note: string | null
}

type Statement = Pick<SubmitInput, 'category' | 'amount' | 'migrant' | 'assistance' | 'monthlyIncome' | 'promise'>

/** The means test on the applicant's statement: refused by field, with the union's standard named. */
export function checkMeans(p: MeansPolicy, s: Statement): MeansResult {
  if (!p.meansTest) return { exempt: true, note: null }
  const union = p.orgName || '本工会'
  const lawExempt =
    s.migrant && (s.category === 'wage' || s.category === 'injury')
      ? `农民工${s.category === 'wage' ? '讨要劳动报酬' : '请求工伤赔偿'}，免予经济困难审查（法律援助法第四十二条）`
      : s.assistance
        ? '领取社会救助或优抚待遇，免予经济困难审查（法律援助法第四十二条）'
        : null
  const errors: { path: string; message: string }[] = []
  if (!s.promise) errors.push({ path: 'promise', message: `${union}审查经济困难，请阅读并勾选个人诚信承诺` })
  if (!lawExempt) {
    if (s.monthlyIncome === undefined) errors.push({ path: 'monthlyIncome', message: `${union}审查经济困难，请填写家庭人均月收入` })
    else if (p.incomeThreshold !== null && s.monthlyIncome > p.incomeThreshold)
      errors.push({
        path: 'monthlyIncome',
        message: `家庭人均月收入高于${union}的经济困难标准（${p.incomeThreshold} 元），不符合免费法律援助条件。可以先在线咨询或拨打 12351`,
      })
    if (p.minAmount !== null && (s.amount ?? 0) < p.minAmount)
      errors.push({ path: 'amount', message: `${union}受理涉案金额 ${p.minAmount} 元以上的申请，请填写涉及金额` })
  }
  if (errors.length) throw invalid(errors)
  return lawExempt
    ? { exempt: true, note: `${lawExempt}；申请人已作个人诚信承诺` }
    : { exempt: false, note: `家庭人均月收入 ${s.monthlyIncome} 元（${union}标准 ${p.incomeThreshold ?? '—'} 元）；申请人已作个人诚信承诺` }
}

export const setPolicyAction: Impl<typeof legalAidApi.setPolicy> = {
  audit: 'legalAid.setPolicy',
  handler: async (input, ctx) => {
    if (!scopesOf(ctx.caller, 'staff').concat(scopesOf(ctx.caller, 'admin')).length || !(await governsOrg(ctx.store, ctx.caller, input.orgId))) {
      throw forbidden('只能设置本工会及下级工会的援助条件')
    }
    if (!(await ctx.store.get('orgs', input.orgId))) throw notFound('工会不存在')
    const doc: PolicyDoc = {
      _id: input.orgId,
      meansTest: input.meansTest,
      incomeThreshold: input.meansTest ? (input.incomeThreshold ?? null) : null,
      minAmount: input.meansTest ? (input.minAmount ?? null) : null,
    }
    await ctx.store.transaction(async (tx) => {
      const before = await tx.get(POLICIES, input.orgId)
      await tx.put(POLICIES, doc)
      await ctx.audit(tx, input.orgId, before, doc)
    })
    return policyFor(ctx.store, input.orgId)
  },
}

export const policyAction: Impl<typeof legalAidApi.policy> = {
  handler: async ({ orgId }, ctx) => policyFor(ctx.store, orgId ?? (await requireCounty(ctx.store)).orgId),
}
