import { startGateway, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { ALL, PNG, helper, type Helper, type Persona } from './legalaid-helpers'

/**
 * Every legalAid action × every persona, on a case routed to the county federation (乐陵市总工会):
 * the applicant, another worker, county staff (receiving union), 泰山体育 staff (another union), the assigned
 * lawyer, another lawyer, the county admin. `ok` = 200; anything else must be FORBIDDEN (403) and leave the case
 * as it was.
 */
let gw: TestGateway
let h: Helper
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
})
afterAll(() => gw.close())

type Row = [
  action: ActionName<'legalAid'>,
  state: 'submitted' | 'accepted' | 'assigned' | 'in_progress' | 'closed',
  /** the input; `p` is who calls, since an upload must be the caller's own */
  data: (id: string, fileId: string, p: Persona) => unknown,
  ok: Persona[],
]

const READERS: Persona[] = ['applicant', 'countyStaff', 'lawyer', 'admin']
const STAFF: Persona[] = ['countyStaff', 'admin']

const ROWS: Row[] = [
  ['get', 'assigned', (id) => ({ id }), READERS],
  ['message', 'assigned', (caseId) => ({ caseId, text: '请问进展如何？' }), READERS],
  ['fileLink', 'assigned', (_id, fileId) => ({ fileId }), READERS],
  ['upload', 'assigned', async (caseId, _f, p) => ({ caseId, name: '补充.png', fileId: await h.stored(p, PNG, '补充.png') }), READERS],
  ['lawyers', 'accepted', (id) => ({ id }), STAFF],
  ['accept', 'submitted', (id) => ({ id, form: 'consult' }), STAFF],
  ['decline', 'submitted', (id) => ({ id, reason: '不属于劳动争议' }), STAFF],
  ['assign', 'accepted', (id) => ({ id, lawyerOpenid: 'demo-lawyer' }), STAFF],
  ['transition', 'assigned', (id) => ({ id, to: 'in_progress' }), ['countyStaff', 'lawyer', 'admin']],
  ['transition', 'in_progress', (id) => ({ id, to: 'closed', outcome: 'mediated', amountRecovered: 1000 }), ['countyStaff', 'lawyer', 'admin']],
  ['withdraw', 'assigned', (id) => ({ id }), ['applicant']],
  ['rate', 'closed', (caseId) => ({ caseId, score: 4 }), ['applicant']],
  ['accessLog', 'assigned', (caseId) => ({ caseId }), ['admin']],
]

test.each(ROWS.map((r) => [r[0], r[1], r] as const))('%s on a %s case', async (_a, _s, [action, state, data, ok]) => {
  for (const p of ALL) {
    const id = await h.caseIn(state)
    const fileId = (await h.evidence('applicant', PNG, '证据.png', state === 'closed' ? undefined : id)).data!.id
    const input = await data(id, fileId, p)
    const before = JSON.stringify(await gw.store.get('legal_cases', id))
    const r = await h.raw(p, action, input)
    expect({ persona: p, status: r.status, code: r.error?.code }).toEqual({
      persona: p,
      status: ok.includes(p) ? 200 : 403,
      code: ok.includes(p) ? undefined : 'FORBIDDEN',
    })
    if (!ok.includes(p) && action !== 'fileLink') expect(JSON.stringify(await gw.store.get('legal_cases', id))).toBe(before)
  }
})

test('lists: each sees only their own', async () => {
  const id = await h.caseIn('assigned')
  const ids = async (p: Persona, action: 'myCases' | 'listCases') => ((await h.call(p, action, {})).data?.items ?? []).map((i) => i.id)
  expect(await ids('applicant', 'myCases')).toContain(id)
  expect(await ids('otherWorker', 'myCases')).not.toContain(id)
  expect(await ids('countyStaff', 'listCases')).toContain(id)
  expect(await ids('admin', 'listCases')).toContain(id)
  expect(await ids('taishanStaff', 'listCases')).not.toContain(id)
  expect(await ids('lawyer', 'listCases')).toContain(id)
  expect(await ids('otherLawyer', 'listCases')).toEqual([])
  expect((await h.call('applicant', 'listCases', {})).status).toBe(403)
  expect((await h.call('lawyer', 'stats', {})).status).toBe(403)
  expect((await h.call('countyStaff', 'accessLog', { caseId: id })).status).toBe(403)
})

test('a lawyer reassigned away loses access, links already issued included', async () => {
  const id = await h.caseIn('assigned')
  const fileId = (await h.evidence('applicant', PNG, 'a.png', id)).data!.id
  const link = (await h.call('lawyer', 'fileLink', { fileId })).data!.token
  await gw.store.put('users', { _id: 'la-lawyer3', name: '孙律师', grants: [{ role: 'lawyer', scope: 'org-leling' }] })
  expect((await h.call('countyStaff', 'assign', { id, lawyerOpenid: 'la-lawyer3' })).status).toBe(200)
  expect((await h.call('lawyer', 'get', { id })).status).toBe(403)
  expect((await h.call('lawyer', 'fileData', { token: link })).status).toBe(403)
})
