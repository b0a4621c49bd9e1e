import { startGateway, type TestGateway } from './harness'
import { FORM, helper, type Helper } from './legalaid-helpers'

jest.setTimeout(60000)

/** Issue 19, legal aid: a double tap is one case by the Beijing day; a re-application after a withdrawal is a new one. */
let gw: TestGateway
let h: Helper
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
})
afterAll(() => gw.close())

const submit = async (facts: string) => {
  await gw.store.remove('rate_limits', {})
  return h.call('applicant', 'submit', { ...FORM, facts })
}

test('a double tap around 08:00 Beijing time (the UTC midnight) is one case', async () => {
  const facts = `${FORM.facts}（早八点的双击）`
  gw.clock.now = new Date('2026-11-24T07:59:50+08:00')
  const a = await submit(facts)
  gw.clock.now = new Date('2026-11-24T08:00:10+08:00')
  const b = await submit(facts)
  expect(a.status).toBe(200)
  expect(b.data!.id).toBe(a.data!.id)
  expect(await gw.store.count('legal_cases', { facts })).toBe(1)
  // the next Beijing day it is a new application
  gw.clock.now = new Date('2026-11-25T00:00:10+08:00')
  expect((await submit(facts)).data!.id).not.toBe(a.data!.id)
})

test('re-applying after a withdrawal makes a new case (and its own double tap stays one case)', async () => {
  gw.clock.now = new Date('2026-11-26T10:00:00+08:00')
  const facts = `${FORM.facts}（撤回后再申请）`
  const first = (await submit(facts)).data!.id
  expect((await h.call('applicant', 'withdraw', { id: first })).status).toBe(200)
  const again = await submit(facts)
  expect(again.status).toBe(200)
  expect(again.data!.id).not.toBe(first)
  const detail = await h.call('applicant', 'get', { id: again.data!.id })
  expect(detail.data!.status).toBe('submitted')
  expect((await submit(facts)).data!.id).toBe(again.data!.id)
  expect(await gw.store.count('legal_cases', { facts })).toBe(2)
  const old = await h.call('applicant', 'get', { id: first })
  expect(old.data!.status).toBe('closed')
})
