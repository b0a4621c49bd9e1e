import { FUNCTIONS } from '../../cloudfunctions/_local/registry'
import { PERSONAS } from '../../cloudfunctions/_local/seed/personas'
import type { Role } from '../../src/contracts/roles'
import { startGateway, type TestGateway } from './harness'

/**
 * Every registered function × action × demo persona (plus one caller with no identity): the gateway's answer
 * agrees with the role rule the action declares. A new domain's actions are covered here without a new test.
 * Empty input: a caller who passes the role check meets input validation (or a scope check) next, never the
 * role check's 403 for lack of a role.
 */
let gw: TestGateway
const tokens = new Map<string, string>()

beforeAll(async () => {
  gw = await startGateway()
  for (const p of PERSONAS) tokens.set(p.openid, await gw.login(p.openid))
})
afterAll(() => gw.close())

const cases = Object.entries(FUNCTIONS).flatMap(([fn, actions]) => Object.keys(actions).map((action) => [fn, action] as const))

test('the registry serves every function folder', () => {
  expect(Object.keys(FUNCTIONS)).toEqual(expect.arrayContaining(['account', 'stations', 'membership', 'childcare', 'legalAid', 'quiz']))
})

test.each(cases)('%s.%s answers each persona as its role rule says', async (fn, action) => {
  const rule = FUNCTIONS[fn][action].roles
  const anonymous = await gw.call(fn, { action, data: {} })
  expect(anonymous.status).toBe(401)
  for (const p of PERSONAS) {
    const roles: Role[] = ['worker', ...p.grants.map((g) => g.role)]
    const allowed = rule === 'signedIn' || rule.some((r) => roles.includes(r))
    const r = await gw.call(fn, { action, data: {} }, tokens.get(p.openid))
    const roleRefusal = r.status === 403 && r.json.error.message === '您没有权限进行此操作'
    expect({ persona: p.openid, refusedForRole: roleRefusal }).toEqual({ persona: p.openid, refusedForRole: !allowed })
  }
})
