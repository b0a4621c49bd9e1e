import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { CATEGORY_LABELS, STATUS_LABELS, type DocsRequest } from '../../src/contracts/legalAid/schemas'
import { addDays, beijingDay, endOfBeijingDay } from '../../src/contracts/time'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, invalid } from '../_core/errors'
import { CASES, type CaseDoc } from './model'
import { detailFor, due, loadCase, PAGE, roleOn, ruleFor } from './shared'
import { move, toApplicant } from './steps'

/**
 * 补充材料 (法律援助法 第四十三条): the union lists everything missing once (一次性告知); the case waits in 待补充材料
 * until the day given; the worker uploads against each item and says when it is all in, which starts the decision
 * period again; no reply by the end of that day and the application is treated as withdrawn (视为撤回), with a
 * notice the day before.
 */

/** The longest the union may give, and the least: a deadline must leave the worker a real chance. */
const DOCS_MAX_DAYS = 30
const DOCS_MIN_DAYS = 1
/** The reminder goes out this long before the end of the last day. */
const DOCS_REMIND_MS = 24 * 3600e3

export const requestDocsAction: Impl<typeof legalAidApi.requestDocs> = {
  audit: 'legalAid.requestDocs',
  handler: async ({ id, items, dueDay, note }, ctx) => {
    const today = beijingDay(ctx.now())
    if (dueDay < addDays(today, DOCS_MIN_DAYS) || dueDay > addDays(today, DOCS_MAX_DAYS)) {
      throw invalid([{ path: 'dueDay', message: `补充期限应在明天到 ${DOCS_MAX_DAYS} 天之内` }])
    }
    const doc0 = await loadCase(ctx.store, id)
    if (doc0.docsRequest) throw conflict('这个案件已经一次性告知过需要补充的材料，不能再次要求')
    const due = endOfBeijingDay(dueDay).toISOString()
    const [, m, d] = dueDay.split('-').map(Number)
    const list = items.map((x, i) => `${i + 1}. ${x}`).join('；')
    const next = await move(
      ctx,
      id,
      'requestDocs',
      (current, at) => {
        // Checked again in the transaction: two staff listing at once leave one list.
        if (current.docsRequest) throw conflict('这个案件已经一次性告知过需要补充的材料，不能再次要求')
        const request: DocsRequest = {
          items: items.map((label) => ({ label, fileIds: [] })),
          dueDay,
          note: note ?? '',
          requestedAt: at.toISOString(),
          by: ctx.caller.name || '工作人员',
          suppliedAt: null,
        }
        return { docsRequest: request, docsReminded: false, dueAt: due, note: `请补充材料（${m}月${d}日前）：${list}` }
      },
      toApplicant('请补充法律援助材料', `请在${m}月${d}日前补充：${list}。逾期未补充视为撤回申请`),
    )
    return detailFor(ctx, next, 'staff')
  },
}

export const supplyDoneAction: Impl<typeof legalAidApi.supplyDone> = {
  audit: 'legalAid.supplyDone',
  handler: async ({ caseId }, ctx) => {
    const doc0 = await loadCase(ctx.store, caseId)
    if ((await roleOn(ctx, doc0)) !== 'applicant') throw conflict('只有申请人本人能提交补充材料')
    // After the last day the application stands withdrawn, whether or not the timer has run yet.
    if (doc0.status === 'needs_docs' && doc0.dueAt && doc0.dueAt <= ctx.now().toISOString())
      throw conflict('补充期限已过，申请视为撤回。如仍需帮助，请重新申请')
    const missing = (doc0.docsRequest?.items ?? []).filter((x) => !x.fileIds.length).map((x) => x.label)
    if (doc0.status === 'needs_docs' && missing.length) throw conflict(`还缺：${missing.join('、')}。每一项至少上传一个文件`)
    // The decision period starts again from the day everything is in.
    const rule = await ruleFor(ctx.store, doc0.orgId)
    const decision = await due(ctx, ctx.now(), rule.decisionDays, rule.unit)
    const next = await move(
      ctx,
      caseId,
      'supplyDone',
      (current, at) => {
        const still = (current.docsRequest?.items ?? []).filter((x) => !x.fileIds.length)
        if (still.length) throw conflict(`还缺：${still.map((x) => x.label).join('、')}。每一项至少上传一个文件`)
        return {
          docsRequest: current.docsRequest ? { ...current.docsRequest, suppliedAt: at.toISOString() } : null,
          decisionDue: decision.at,
          dueAt: decision.at,
          deadlineNote: decision.note,
          note: '已补充全部材料，重新计算受理期限',
        }
      },
      () => [],
    )
    return detailFor(ctx, next, 'applicant')
  },
}

/**
 * The timer: a notice the day before a 补充材料 deadline, and 视为撤回 after it. Cases are found by (status, dueAt);
 * each change is one by-id transaction that checks the case still waits, so a worker supplying at the last minute wins.
 */
export async function lapseDocs(ctx: Ctx): Promise<{ reminded: number; lapsed: number }> {
  const now = ctx.now()
  const soon = new Date(now.getTime() + DOCS_REMIND_MS).toISOString()
  const waiting = await ctx.store.find<CaseDoc>(CASES, {
    where: { status: 'needs_docs', dueAt: { $lt: soon } },
    orderBy: [['dueAt', 'asc']],
    limit: 200,
  })
  let reminded = 0
  let lapsed = 0
  for (const doc of waiting) {
    if (doc.dueAt && doc.dueAt < now.toISOString()) {
      try {
        await move(
          ctx,
          doc._id,
          'lapse',
          (_d, at) => ({ outcome: 'withdrawn', closedAt: at.toISOString(), dueAt: null, note: '逾期未补充材料，视为撤回申请' }),
          toApplicant('法律援助申请视为撤回', '未在期限内补充材料，申请视为撤回。如仍需帮助，可以重新申请'),
        )
        lapsed++
      } catch (e) {
        // The worker supplied (or withdrew) between the read and the step: nothing to do.
        ctx.log.info('legal_aid_lapse_skipped', { id: doc._id, error: (e as Error).message })
      }
      continue
    }
    if (doc.docsReminded) continue
    const sent = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<CaseDoc>(CASES, doc._id)
      if (!current || current.status !== 'needs_docs' || current.docsReminded) return false
      await tx.put(CASES, { ...current, docsReminded: true })
      const [, m, d] = (current.docsRequest?.dueDay ?? '').split('-').map(Number)
      await ctx.notify(tx, {
        openid: current.applicantOpenid,
        template: 'legal_aid_update',
        title: '补充材料明天截止',
        body: `请在${m}月${d}日 24 点前补充材料并点「材料已补齐」，逾期视为撤回申请`,
        page: `${PAGE}?id=${current._id}`,
        data: { category: CATEGORY_LABELS[current.category], status: STATUS_LABELS.needs_docs, note: `${m}月${d}日截止` },
      })
      return true
    })
    if (sent) reminded++
  }
  if (reminded || lapsed) ctx.log.info('legal_aid_docs_timer', { reminded, lapsed })
  return { reminded, lapsed }
}
