import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { seedIfEmpty } from '../../cloudfunctions/_local/seed/seed'
import { codeId } from '../../cloudfunctions/account/codes'
import { ActivationError, adminCount, beijing, formatIssued, issueActivationCode } from '../../scripts/tools/activation'

describe('admin-code: issuing the first admin 激活码', () => {
  let store: SqliteStore
  const now = new Date('2026-11-23T02:00:00Z')
  beforeAll(async () => {
    store = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
    await seedIfEmpty(store, now)
  })
  afterAll(() => store.close())

  test('for the root org by default, 8 unambiguous characters, 7 days, stored only as a hash', async () => {
    const issued = await issueActivationCode(store, {}, now)
    expect(issued.org._id).toBe('org-leling')
    expect(issued.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/)
    expect(issued.expiresAt.getTime() - now.getTime()).toBe(7 * 24 * 3600 * 1000)
    const doc = await store.get('activation_codes', codeId('activation', issued.code))
    expect(doc).toMatchObject({ orgId: 'org-leling', usedBy: null })
    expect(JSON.stringify(await store.find('activation_codes'))).not.toContain(issued.code)
    const text = formatIssued(issued)
    expect(text).toContain(`${issued.code.slice(0, 4)}-${issued.code.slice(4)}`)
    expect(text).toContain('2026-11-30 10:00（北京时间')
    expect(beijing(now)).toBe('2026-11-23 10:00')
  })

  test('COUNTY_ORG_ID picks the org; an unknown one is refused with what to fix', async () => {
    expect((await issueActivationCode(store, { COUNTY_ORG_ID: 'org-hospital' }, now)).org.name).toBe('乐陵市人民医院工会')
    await expect(issueActivationCode(store, { COUNTY_ORG_ID: 'org-nowhere' }, now)).rejects.toThrow(ActivationError)
    await expect(issueActivationCode(store, { COUNTY_ORG_ID: 'org-nowhere' }, now)).rejects.toThrow('不在 orgs 集合中')
  })

  test('counts admins from the grant index (deploy prints a code only while there is none)', async () => {
    expect(await adminCount(store)).toBe(1)
    const empty = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
    expect(await adminCount(empty)).toBe(0)
    await expect(issueActivationCode(empty, {}, now)).rejects.toThrow('没有唯一的总工会')
    await empty.close()
  })
})
