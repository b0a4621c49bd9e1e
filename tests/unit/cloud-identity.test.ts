/** Who is calling a cloud function, as the entry point decides it before dispatch. */
import * as z from 'zod'
import { callerOpenid, cloudMain, withoutUserInfo } from '../../cloudfunctions/_core/cloud'
import { defineAction } from '../../cloudfunctions/_core/contract'

// The real SDK (its auth and context parsing included), with a database that finds no users instead of the network.
jest.mock('@cloudbase/node-sdk', () => {
  const actual = jest.requireActual('@cloudbase/node-sdk')
  const noUsers = { doc: () => ({ get: async () => ({ data: [] }) }) }
  return {
    ...actual,
    init: (config: unknown) => Object.assign(actual.init(config), { database: () => ({ collection: () => noUsers }) }),
  }
})

const main = cloudMain({
  whoami: defineAction({ input: z.object({}), roles: 'signedIn', kind: 'query', handler: async (_input, ctx) => ctx.caller.openid }),
})
const call = (context: unknown, event: object = {}) => main({ action: 'whoami', data: {}, ...event }, context)
const scfContext = (environment: Record<string, string>) => ({
  memory_limit_in_mb: 256,
  time_limit_in_ms: 3000,
  request_id: 'r1',
  function_name: 'account',
  function_version: '$LATEST',
  namespace: 'env-1',
  environment: JSON.stringify(environment),
})
const unauthenticated = { ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } }

describe('cloud entry: identity (13)', () => {
  const saved = { ...process.env }
  beforeEach(() => {
    // What a warm instance may still hold from an earlier call by someone else.
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
    process.env.WX_OPENID = 'o-earlier-call'
  })
  afterEach(() => {
    process.env = { ...saved }
  })

  test("the openid comes from this call's context", async () => {
    expect(await call(scfContext({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'o-me', WX_APPID: 'wx1' }))).toEqual({ ok: true, data: 'o-me' })
  })

  test('a context without an openid is no caller, whatever the process environment holds', async () => {
    expect(await call(scfContext({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'wx1' }))).toEqual(unauthenticated)
    expect(await call(scfContext({}))).toEqual(unauthenticated)
  })

  test('no context, or one that is not a CloudBase context, is no caller', async () => {
    expect(await call(undefined)).toEqual(unauthenticated)
    expect(await call({ not: 'a cloudbase context' })).toEqual(unauthenticated)
  })

  test('an identity in the event is never believed', async () => {
    expect(await call(undefined, { userInfo: { openId: 'forged' } })).toEqual(unauthenticated)
  })
})

describe('callerOpenid and withoutUserInfo', () => {
  test('a client-sent userInfo never reaches dispatch', () => {
    expect(withoutUserInfo({ action: 'me', data: {}, userInfo: { openId: 'forged' } })).toEqual({ action: 'me', data: {} })
    expect(withoutUserInfo('x')).toBe('x')
    expect(withoutUserInfo(null)).toBeNull()
  })

  test('the older runtime hands the variables over as `environ`, "k=v;k=v"', () => {
    expect(callerOpenid({ environ: 'WX_CONTEXT_KEYS=WX_OPENID,WX_APPID;WX_OPENID=o-old;WX_APPID=wx1' })).toBe('o-old')
    expect(callerOpenid({ environ: 'WX_APPID=wx1' })).toBeNull()
    expect(callerOpenid({ environment: '{not json' })).toBeNull()
    expect(callerOpenid({ environment: JSON.stringify({ WX_OPENID: '' }) })).toBeNull()
  })
})
