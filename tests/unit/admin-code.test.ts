import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { countySettings } from '../../cloudfunctions/_core/county'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { seedIfEmpty } from '../../cloudfunctions/_local/seed/seed'
import { codeId } from '../../cloudfunctions/account/codes'
import { ActivationError, adminCount, beijing, countyOptions, formatIssued, issueActivationCode, setUpCounty } from '../../scripts/tools/activation'

describe('admin-code: issuing the first admin 激活码', () => {
  let store: SqliteStore
  const now = new Date('2026-11-23T02:00:00Z')
  beforeAll(async () => {
    store = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
    await seedIfEmpty(store, now)
  })
  afterAll(() => store.close())

  test('for the county the settings name, 8 unambiguous characters, 7 days, stored only as a hash', async () => {
    const issued = await issueActivationCode(store, now)
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

  test('--org picks another org; an unknown one is refused with what to fix', async () => {
    expect((await issueActivationCode(store, now, 'org-hospital')).org.name).toBe('乐陵市人民医院工会')
    await expect(issueActivationCode(store, now, 'org-nowhere')).rejects.toThrow(ActivationError)
    await expect(issueActivationCode(store, now, 'org-nowhere')).rejects.toThrow('不在 orgs 集合中')
  })

  test('an already set-up county is left as it is, whatever the options say', async () => {
    expect(await setUpCounty(store, { name: '别的县总工会', regionCode: '110101' })).toContain(
      '本县已设置：乐陵市总工会（org-leling），行政区划代码 371481',
    )
    expect(await countySettings(store)).toEqual({ orgId: 'org-leling', regionCode: '371481', name: '乐陵市总工会' })
  })

  test('counts admins from the grant index (deploy prints a code only while there is none)', async () => {
    expect(await adminCount(store)).toBe(1)
  })
})

describe('a fresh environment: the county from --county-name and --region-code', () => {
  let empty: SqliteStore
  beforeEach(() => {
    empty = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  })
  afterEach(() => empty.close())

  test('no county and no options: no code, and the message says which options to give', async () => {
    expect(await adminCount(empty)).toBe(0)
    await expect(issueActivationCode(empty)).rejects.toThrow('本县尚未设置')
    await expect(setUpCounty(empty, {})).rejects.toThrow('--county-name')
    await expect(setUpCounty(empty, { name: '某某县总工会', regionCode: '3714' })).rejects.toThrow('行政区划代码应为县级的 6 位数字')
    await expect(setUpCounty(empty, { name: '某某县总工会', regionCode: '371400' })).rejects.toThrow('末两位不是 00')
    expect(await countySettings(empty)).toBeNull()
  })

  test('creates the root org and the settings once; the code then belongs to that root', async () => {
    const opts = countyOptions(['--county-name', '宁津县总工会', '--region-code', '371422'], {})
    expect(opts).toEqual({ name: '宁津县总工会', regionCode: '371422' })
    expect(await setUpCounty(empty, opts)).toContain('已创建本县总工会并完成设置：宁津县总工会')
    const county = await countySettings(empty)
    expect(county).toMatchObject({ name: '宁津县总工会', regionCode: '371422' })
    expect(await empty.get('orgs', county!.orgId)).toMatchObject({ name: '宁津县总工会', parentId: null, kind: 'county' })
    expect(await setUpCounty(empty, opts)).toContain('本县已设置')
    expect(await empty.count('orgs')).toBe(1)
    expect((await issueActivationCode(empty)).org._id).toBe(county!.orgId)
  })

  test('environment variables work too; an existing root of that name is adopted, another name is refused', async () => {
    await empty.put('orgs', { _id: 'org-old', name: '宁津县总工会', parentId: null, kind: 'county' })
    await expect(setUpCounty(empty, countyOptions([], { COUNTY_NAME: '乐陵市总工会', REGION_CODE: '371481' }))).rejects.toThrow(
      '已有总工会「宁津县总工会」',
    )
    expect(await setUpCounty(empty, countyOptions([], { COUNTY_NAME: '宁津县 总工会', REGION_CODE: '371422' }))).toContain('沿用')
    expect(await countySettings(empty)).toEqual({ orgId: 'org-old', regionCode: '371422', name: '宁津县总工会' })
  })
})

describe('a demo store from before county settings', () => {
  test('gets the demo county settings on the next start; a store without the demo county is left unset', async () => {
    const { SqliteStore } = await import('../../cloudfunctions/_core/store/sqlite')
    const { seedIfEmpty, upgradeDemoStore } = await import('../../cloudfunctions/_local/seed/seed')
    const { countySettings, SETTINGS, COUNTY_SETTINGS_ID } = await import('../../cloudfunctions/_core/county')
    const old = new SqliteStore({ file: ':memory:' })
    await seedIfEmpty(old)
    await old.remove(SETTINGS, { _id: COUNTY_SETTINGS_ID })
    expect(await countySettings(old)).toBeNull()
    expect(await upgradeDemoStore(old)).toBe(true)
    expect(await countySettings(old)).toMatchObject({ orgId: 'org-leling', regionCode: '371481' })
    expect(await upgradeDemoStore(old)).toBe(false)
    const other = new SqliteStore({ file: ':memory:' })
    await other.put('orgs', { _id: 'org-x', name: '某县总工会', parentId: null })
    expect(await upgradeDemoStore(other)).toBe(false)
    expect(await countySettings(other)).toBeNull()
    await old.close()
    await other.close()
  })
})
