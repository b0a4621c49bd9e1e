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

/**
 * `query()` in a contract is a promise that the action writes nothing: the client asks a query twice when the
 * first answer is lost. Every query, called by every persona its role rule admits, leaves every collection as it
 * was (the rate limiter's counters aside: they count attempts, not data), over the CloudBase double where every
 * document is visible.
 */
describe('the contract declares which actions write', () => {
  let cloud: TestGateway
  const cloudTokens = new Map<string, string>()
  beforeAll(async () => {
    cloud = await startGateway({ backend: 'cloudbase' })
    for (const p of PERSONAS) cloudTokens.set(p.openid, await cloud.login(p.openid))
  })
  afterAll(() => cloud.close())

  const snapshot = () => {
    const d = cloud.double!
    return Object.fromEntries(
      d
        .collectionNames()
        .filter((c) => c !== 'rate_limits')
        .sort()
        .map((c) => [c, JSON.stringify(d.dump(c).sort((a, b) => String(a._id).localeCompare(String(b._id))))]),
    )
  }

  const queries = cases.filter(([fn, action]) => FUNCTIONS[fn][action].kind === 'query')

  test('both kinds are declared, and queries are the reads', () => {
    expect(cases.every(([fn, action]) => ['query', 'mutation'].includes(FUNCTIONS[fn][action].kind))).toBe(true)
    expect(queries.length).toBeGreaterThan(40)
    expect(queries.map(([fn, a]) => `${fn}.${a}`)).toEqual(expect.arrayContaining(['stations.nearby', 'account.me', 'membership.myStatus']))
  })

  test.each(queries)('%s.%s (query) writes nothing', async (fn, action) => {
    const rule = FUNCTIONS[fn][action].roles
    let answered = 0
    for (const p of PERSONAS) {
      const roles: Role[] = ['worker', ...p.grants.map((g) => g.role)]
      if (!(rule === 'signedIn' || rule.some((r) => roles.includes(r)))) continue
      const before = snapshot()
      const r = await cloud.call(fn, { action, data: {} }, cloudTokens.get(p.openid))
      if (r.json.ok) answered++
      expect({ persona: p.openid, after: snapshot() }).toEqual({ persona: p.openid, after: before })
    }
    // Queries taking ids answer "bad input" to {}; the ones that need nothing must really have run.
    if (FUNCTIONS[fn][action].input.safeParse({}).success) expect(answered).toBeGreaterThan(0)
  })
})
