import { COLLECTIONS, FUNCTION_NAMES } from '../../cloudfunctions/_local/registry'
import { rateLimit, sweepRateLimits } from '../../cloudfunctions/_core/rate-limit'
import { isSelfCheckEvent, selfCheck } from '../../cloudfunctions/_core/selfcheck'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import type { WxCloudOpenApi } from '../../cloudfunctions/_core/wx-openapi'
import { formatSelfCheck } from '../../scripts/tools/deploy-check'
import { buildPlan } from '../../scripts/tools/deploy-plan'

/** wx-server-sdk throws {errCode, errMsg}; -604101 is CloudBase saying the function is not granted the API. */
const refusing = (subscribe: number, phone: number): WxCloudOpenApi => ({
  subscribeMessage: { send: async () => Promise.reject({ errCode: subscribe, errMsg: 'x' }) },
  phonenumber: { getPhoneNumber: async () => Promise.reject({ errCode: phone, errMsg: 'x' }) },
})

let store: SqliteStore
beforeEach(() => {
  store = new SqliteStore({ file: ':memory:' })
})
afterEach(() => store.close())

const plan = buildPlan({
  envId: 'gonghui-1',
  functionNames: FUNCTION_NAMES,
  collections: COLLECTIONS,
  secrets: {},
  vars: {},
  timerFunctions: ['childcare'],
})

describe('npm run deploy -- --check', () => {
  it('a refusal for the input proves the grant; storage round-trips and leaves nothing behind', async () => {
    expect(isSelfCheckEvent({ Type: 'SelfCheck' })).toBe(true)
    const report = await selfCheck(store, refusing(40003, 40029))
    expect(report.storage).toEqual({ ok: true })
    expect(report.openapi['subscribeMessage.send']).toEqual({ granted: true, errcode: 40003 })
    expect(await store.count('settings')).toBe(0)
    const { text, ok } = formatSelfCheck(plan, [
      { name: 'childcare', report: { ...report, templates: ['membership_review'] } },
      { name: 'profile', report },
    ])
    expect(ok).toBe(true)
    expect(text).toContain('✓ 云函数 childcare: 云调用 subscribeMessage.send 已授权')
    expect(text).toContain('✓ 云函数 profile: 云调用 phonenumber.getPhoneNumber 已授权')
    expect(text).toContain('全部正常')
  })

  it('-604101 and a function that cannot run are reported with what to do, in Chinese', async () => {
    const report = await selfCheck(store, refusing(-604101, -604101))
    const { text, ok } = formatSelfCheck(plan, [
      { name: 'childcare', report },
      { name: 'profile', error: 'ResourceNotFound.Function' },
    ])
    expect(ok).toBe(false)
    expect(text).toContain('✗ 云函数 childcare: 云调用 subscribeMessage.send 未授权')
    expect(text).toContain('「上传并部署：云端安装依赖」')
    expect(text).toContain('没有配置订阅消息模板')
    expect(text).toContain('✗ 云函数 profile: 调用失败')
  })
})

describe('rate_limits expire', () => {
  it('the shared timer removes ended windows and keeps the current one', async () => {
    const t0 = new Date('2026-11-23T02:00:00Z')
    for (let i = 0; i < 30; i++) await rateLimit(store, `k${i}`, 5, 60_000, t0, 'x')
    const later = new Date(t0.getTime() + 120_000)
    await rateLimit(store, 'now', 5, 60_000, later, 'x')
    expect(await store.count('rate_limits')).toBe(31)
    expect(await sweepRateLimits(store, later, 20)).toBe(20)
    expect(await sweepRateLimits(store, later)).toBe(10)
    expect(await sweepRateLimits(store, later)).toBe(0)
    expect((await store.find('rate_limits')).map((d) => d._id)).toEqual([expect.stringMatching(/^now:/)])
  })
})
