import { uploadId } from './file-helpers'
import type { Data, Reply, TestGateway } from './harness'
import type { ActionName, Apis, InputOf, OutputOf } from '../../src/contracts/api'

/** A tiny real PNG (1×1) and PDF, and a text file pretending to be a photo. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
export const TEXT = Buffer.from('hello, not an image at all')

export const FORM: InputOf<Apis['legalAid']['submit']> = {
  category: 'wage',
  employer: '乐陵市宏达建筑工程有限公司',
  facts: '2026 年 6 月起在工地做钢筋工，老板拖欠 4 个月工资至今未付。',
  claim: '要求支付拖欠工资 24000 元。',
  amount: 24000,
  phone: '13912345678',
}

export type Persona = 'applicant' | 'otherWorker' | 'countyStaff' | 'taishanStaff' | 'lawyer' | 'otherLawyer' | 'admin'
export const PERSONA_OPENIDS: Record<Persona, string> = {
  applicant: 'demo-worker',
  otherWorker: 'demo-parent',
  countyStaff: 'demo-staff',
  taishanStaff: 'demo-staff-taishan',
  lawyer: 'demo-lawyer',
  otherLawyer: 'demo-lawyer2',
  admin: 'demo-admin',
}
export const ALL: Persona[] = Object.keys(PERSONA_OPENIDS) as Persona[]

type Action = ActionName<'legalAid'>

export interface Helper {
  /** a 法律援助 action as the persona, typed from the contract; the envelope, never thrown */
  call<A extends Action>(p: Persona, action: A, ...data: Data<'legalAid', A>): Promise<Reply<OutputOf<Apis['legalAid'][A]>>>
  /** input that breaks the contract on purpose (a missing field, a wrong type): not type-checked */
  raw(p: Persona, action: string, data?: unknown): Promise<Reply<unknown>>
  /** a file put into the persona's own storage folder, as the app does before `upload`; answers its fileId */
  stored(p: Persona, bytes: Buffer, name?: string): Promise<string>
  /** stored, then taken in by `upload` (into the case, or kept loose for a later submit) */
  evidence(p: Persona, bytes: Buffer, name?: string, caseId?: string, docItem?: number): Promise<Reply<OutputOf<Apis['legalAid']['upload']>>>
  /** a fresh case in the given state, to the county (default) or to 泰山体育's own union */
  caseIn(
    state: 'submitted' | 'needs_docs' | 'accepted' | 'declined' | 'objecting' | 'assigned' | 'in_progress' | 'closed',
    opts?: { employer?: string },
  ): Promise<string>
}

let n = 0
export async function helper(gw: TestGateway): Promise<Helper> {
  const tokens = {} as Record<Persona, string>
  for (const p of ALL) tokens[p] = await gw.login(PERSONA_OPENIDS[p])
  const call: Helper['call'] = (p, action, ...data) => gw.as(tokens[p]).call('legalAid', action, ...data)
  const ok = <A extends Action>(p: Persona, action: A, ...data: Data<'legalAid', A>) => gw.as(tokens[p]).ok('legalAid', action, ...data)
  const stored = (p: Persona, bytes: Buffer, name = 'evidence.png') => uploadId(gw, 'evidence', name, bytes, tokens[p])
  return {
    call,
    raw: (p, action, data) => gw.as(tokens[p]).raw('legalAid', action, data),
    stored,
    evidence: async (p, bytes, name = 'evidence.png', caseId, docItem) =>
      call(p, 'upload', { caseId, name, docItem, fileId: await stored(p, bytes, name) }),
    async caseIn(state, opts = {}) {
      // Tests build dozens of cases for one applicant; the daily submit limit is tested on its own.
      await gw.store.remove('rate_limits', {})
      const { id } = await ok('applicant', 'submit', { ...FORM, employer: opts.employer ?? FORM.employer, facts: `${FORM.facts}（第 ${++n} 件）` })
      if (state === 'submitted') return id
      if (state === 'needs_docs') {
        await ok('countyStaff', 'requestDocs', { id, items: ['工资条'], dueDay: '2026-11-30' })
        return id
      }
      if (state === 'declined' || state === 'objecting') {
        await ok('countyStaff', 'decline', { id, reason: '不属于劳动争议' })
        if (state === 'objecting') await ok('applicant', 'object', { id, reason: '我是农民工讨薪，应当免予审查' })
        return id
      }
      await ok('countyStaff', 'accept', { id, form: 'mediation' })
      if (state === 'accepted') return id
      await ok('countyStaff', 'assign', { id, lawyerOpenid: 'demo-lawyer' })
      if (state === 'assigned') return id
      await ok('lawyer', 'transition', { id, to: 'in_progress' })
      if (state === 'in_progress') return id
      await ok('lawyer', 'transition', { id, to: 'closed', outcome: 'mediated', amountRecovered: 20000 })
      return id
    },
  }
}
