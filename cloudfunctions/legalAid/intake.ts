import { createHash } from 'node:crypto'
import type { legalAidApi } from '../../src/contracts/legalAid/api'
import {
  CATEGORY_LABELS,
  FORM_LABELS,
  GROUP_SIZE,
  MAX_FILES,
  STATUS_LABELS,
  type CaseStatus,
  type LawyerOption,
} from '../../src/contracts/legalAid/schemas'
import { STEPS } from '../../src/contracts/legalAid/states'
import { lawyerServes, type UserDoc } from '../_core/auth'
import { findAll } from '../_core/paging'
import type { Impl } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { AppError, forbidden, invalid } from '../_core/errors'
import { beijingDay } from '../../src/contracts/time'
import { clocksOf, clockText, firstAidClock } from '../../src/contracts/legalAid/clocks'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { routeApplication } from '../membership/routing'
import { CASES, FILES, maskPhone, priorityOf, type CaseDoc, type FileDoc } from './model'
import { detailFor, due, keysOf, loadCase, officialOn, PAGE, ruleFor } from './shared'
import { move, toApplicant } from './steps'
import { checkMeans, policyFor } from './policy'
import { CONSULTS, type ConsultDoc } from './consult'

/** A case still being handled: a second identical application the same day is the same case. */
const OPEN_STATUSES: CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress']

/** A case coming in: the worker submits or withdraws it; the union accepts or declines it and assigns a lawyer. */

async function isUnionLawyer(store: Store, orgId: string, user: UserDoc | null): Promise<boolean> {
  return !!user && (await lawyerServes(store, user.grants, orgId))
}

export const submitAction: Impl<typeof legalAidApi.submit> = {
  rateLimit: { key: (_i, c) => c.caller.openid, max: 10, perMs: 24 * 3600e3, message: '今天提交的申请太多了，请明天再试或拨打 12351' },
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    const now = ctx.now()
    const at = now.toISOString()
    // Same person, same story, same Beijing day, while that case is still open: a double tap, answered with the
    // case already stored. After a withdrawal (or a decline, or the end of the case) the same story is a new
    // case: the next id in the day's series, so a double tap of the re-application still lands on one case.
    const base =
      'la_' +
      createHash('sha256')
        .update([ctx.caller.openid, input.category, input.employer, input.facts, beijingDay(now)].join('\u0000'))
        .digest('hex')
        .slice(0, 24)
    let id = base
    for (let n = 2; ; n++) {
      const existing = await ctx.store.get<CaseDoc>(CASES, id)
      if (!existing) break
      if (OPEN_STATUSES.includes(existing.status)) return { id }
      if (n > 20) throw new AppError('CLOSED', '今天重复提交同一申请的次数过多，请明天再试或拨打 12351')
      id = `${base}_${n}`
    }
    const files = input.fileIds.length ? await ctx.store.find<FileDoc>(FILES, { where: { _id: { $in: input.fileIds } }, limit: MAX_FILES }) : []
    const fileIds = [...new Set(input.fileIds)]
    if (files.length !== fileIds.length || files.some((f) => f.ownerOpenid !== ctx.caller.openid || f.caseId)) {
      throw invalid([{ path: 'fileIds', message: '证据文件不存在或已用于其他案件，请重新上传' }])
    }
    // 咨询 → 申请: only the asker's own consultation, and once (a second application from it is refused by field)
    const consult = input.consultId ? await ctx.store.get<ConsultDoc>(CONSULTS, input.consultId) : null
    if (input.consultId && (!consult || consult.askerOpenid !== ctx.caller.openid)) {
      throw invalid([{ path: 'consultId', message: '这条咨询不存在，请回到「法律咨询」重新打开' }])
    }
    if (consult?.caseId && consult.caseId !== id) {
      throw invalid([{ path: 'consultId', message: '这条咨询已经转为申请，请在「我的法律援助」中查看' }])
    }
    const today = beijingDay(now)
    const past = (['hearingDay', 'limitationDay'] as const).filter((k) => input[k] && input[k]! < today)
    if (past.length || (input.leftOn && input.leftOn > today)) {
      throw invalid([
        ...past.map((k) => ({ path: k, message: `${k === 'hearingDay' ? '开庭日期' : '时效届满日'}已经过去，请核对；没有就不填` })),
        ...(input.leftOn && input.leftOn > today ? [{ path: 'leftOn', message: '离职日期不能晚于今天；还在职就不填' }] : []),
      ])
    }
    const clocks = clocksOf(input)
    const firstAid = firstAidClock(clocks, now)
    const { orgId: countyId } = await requireCounty(ctx.store)
    const route = await routeApplication(ctx.store, { employer: input.employer, newEmploymentType: 'none', region: '' }, countyId)
    const means = checkMeans(await policyFor(ctx.store, route.org._id), input)
    const rule = await ruleFor(ctx.store, route.org._id)
    const decision = await due(ctx, now, rule.decisionDays, rule.unit)
    const urgent = input.category === 'wage' && input.groupSize >= GROUP_SIZE
    const doc: CaseDoc = {
      _id: id,
      applicantOpenid: ctx.caller.openid,
      applicantName: ctx.caller.name || '职工',
      category: input.category,
      employer: input.employer,
      facts: input.facts,
      claim: input.claim,
      amount: input.amount ?? null,
      phoneCipher: pii.encrypt(input.phone),
      phoneMasked: maskPhone(input.phone),
      groupSize: input.groupSize,
      urgent,
      priority: priorityOf(input.category, input.groupSize),
      hardshipExempt: means.exempt,
      means: means.note,
      fileIds,
      orgId: route.org._id,
      orgName: route.org.name,
      status: 'submitted',
      form: null,
      declineReason: null,
      lawyerOpenid: null,
      lawyerName: null,
      outcome: null,
      amountRecovered: null,
      rating: null,
      submittedAt: at,
      decidedAt: null,
      assignedAt: null,
      closedAt: null,
      decisionDue: decision.at,
      assignDue: null,
      dueAt: decision.at,
      deadlineNote: decision.note,
      clocks,
      docsRequest: null,
      consultId: consult?._id ?? null,
      timeline: [
        {
          at,
          status: 'submitted',
          note: `已提交至${route.org.name}${urgent ? '（群体案件，优先办理）' : ''}${firstAid ? `（先行援助：${clockText(firstAid, now)}）` : ''}`,
          by: ctx.caller.name || '申请人',
        },
      ],
    }
    try {
      await ctx.store.transaction(async (tx) => {
        await tx.insert(CASES, doc)
        for (const f of fileIds) await tx.update(FILES, { _id: f }, { set: { caseId: id } })
        if (consult) await tx.update(CONSULTS, { _id: consult._id }, { set: { caseId: id } })
        await ctx.notify(tx, {
          openid: ctx.caller.openid,
          template: 'legal_aid_update',
          title: '法律援助申请已提交',
          body: `${CATEGORY_LABELS[doc.category]}：已提交至${doc.orgName}，工会将在期限内决定是否受理`,
          page: `${PAGE}?id=${id}`,
          data: { category: CATEGORY_LABELS[doc.category], status: STATUS_LABELS.submitted, note: doc.orgName.slice(0, 20) },
        })
      })
    } catch (e) {
      if (e instanceof DuplicateKeyError) return { id }
      throw e
    }
    ctx.log.info('legal_aid_submitted', { id, org: doc.orgId, category: doc.category, urgent, firstAid: !!firstAid })
    return { id }
  },
}

export const withdrawAction: Impl<typeof legalAidApi.withdraw> = {
  audit: 'legalAid.withdraw',
  handler: async ({ id }, ctx) => {
    const next = await move(
      ctx,
      id,
      'withdraw',
      (_d, at) => ({ outcome: 'withdrawn', closedAt: at.toISOString(), dueAt: null, note: '申请人撤回' }),
      (d) =>
        d.lawyerOpenid ? [{ openid: d.lawyerOpenid, title: '当事人已撤回申请', body: `${CATEGORY_LABELS[d.category]}案件已由申请人撤回` }] : [],
    )
    return detailFor(ctx, next, 'applicant')
  },
}

export const acceptAction: Impl<typeof legalAidApi.accept> = {
  audit: 'legalAid.accept',
  handler: async ({ id, form, note }, ctx) => {
    const doc0 = await loadCase(ctx.store, id)
    const rule = await ruleFor(ctx.store, doc0.orgId)
    const assign = await due(ctx, ctx.now(), rule.assignDays, rule.unit)
    const next = await move(
      ctx,
      id,
      'accept',
      (_d, at) => ({
        form,
        decidedAt: at.toISOString(),
        assignDue: assign.at,
        dueAt: assign.at,
        deadlineNote: assign.note,
        note: `已受理，援助形式：${FORM_LABELS[form]}${note ? `。${note}` : ''}`,
      }),
      toApplicant('法律援助申请已受理', `援助形式：${FORM_LABELS[form]}，工会将为您指派律师`),
    )
    return detailFor(ctx, next, 'staff')
  },
}

export const declineAction: Impl<typeof legalAidApi.decline> = {
  audit: 'legalAid.decline',
  handler: async ({ id, reason }, ctx) => {
    const next = await move(
      ctx,
      id,
      'decline',
      (_d, at) => ({ declineReason: reason, declinedBy: ctx.caller.openid, decidedAt: at.toISOString(), dueAt: null, note: `不予受理：${reason}` }),
      toApplicant('法律援助申请不予受理', `${reason}。如有异议，可在案件页提出，由上级工会在 5 日内审查`),
    )
    return detailFor(ctx, next, 'staff')
  },
}

export const lawyersAction: Impl<typeof legalAidApi.lawyers> = {
  handler: async ({ id }, ctx) => {
    const doc = await loadCase(ctx.store, id)
    if ((await officialOn(ctx, doc)) !== 'staff') throw forbidden('只有工会工作人员能指派律师')
    // The users collection holds everyone ever granted a role (workers have no document): read in pages.
    const users = await findAll<UserDoc>(ctx.store, 'users')
    const items: LawyerOption[] = []
    for (const u of users) if (await isUnionLawyer(ctx.store, doc.orgId, u)) items.push({ openid: u._id, name: u.name })
    return { items }
  },
}

export const assignAction: Impl<typeof legalAidApi.assign> = {
  audit: 'legalAid.assign',
  handler: async ({ id, lawyerOpenid }, ctx) => {
    const doc = await loadCase(ctx.store, id)
    const lawyer = await ctx.store.get<UserDoc>('users', lawyerOpenid)
    if ((await officialOn(ctx, doc)) === 'staff' && STEPS.assign.from.includes(doc.status) && !(await isUnionLawyer(ctx.store, doc.orgId, lawyer))) {
      throw invalid([{ path: 'lawyerOpenid', message: '该律师不在本工会的法律援助律师名单中' }])
    }
    const name = lawyer?.name ?? '律师'
    const next = await move(
      ctx,
      id,
      'assign',
      (d, at) => ({
        lawyerOpenid,
        lawyerName: name,
        assignedAt: at.toISOString(),
        dueAt: null,
        note: d.lawyerOpenid ? `改派${name}承办` : `指派${name}承办`,
      }),
      (d) => [
        { openid: d.applicantOpenid, title: '已为您指派律师', body: `${name}承办您的${CATEGORY_LABELS[d.category]}案件` },
        { openid: lawyerOpenid, title: '新的法律援助案件', body: `${d.orgName}指派您承办一件${CATEGORY_LABELS[d.category]}案件` },
      ],
    )
    return detailFor(ctx, next, 'staff')
  },
}
