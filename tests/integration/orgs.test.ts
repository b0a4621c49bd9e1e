import { applyForm, idFor } from '../utils/membership'
import { FORM } from './legalaid-helpers'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

/** 组织架构 in the 工作台: the org tree, 街道/乡镇, employers and the county settings, and what they do to 入会 routing. */

let gw: TestGateway
const tokens: Record<string, string> = {}
const o = <A extends ActionName<'orgs'>>(who: string, action: A, ...data: Data<'orgs', A>) => gw.as(tokens[who]).call('orgs', action, ...data)

let seq = 601
/** A new worker (an odd sequence number: a man, as the form says) applies; the answer says where it went. */
async function apply(over: Record<string, unknown>) {
  seq += 2
  const t = await gw.login(`orgs-worker-${seq}`)
  return gw.as(t).call('membership', 'apply', applyForm({ idNumber: idFor(seq), ...over }))
}

beforeAll(async () => {
  gw = await startGateway()
  // An admin of a sub-union: 泰山体育's own union, and nothing above or beside it.
  await gw.store.put('users', { _id: 'taishan-admin', name: '泰山管理员', grants: [{ role: 'admin', scope: 'org-taishan' }] })
  for (const who of ['demo-admin', 'demo-staff', 'demo-worker', 'demo-keeper', 'taishan-admin']) tokens[who] = await gw.login(who)
})
afterAll(() => gw.close())

describe('who may manage the structure', () => {
  test('workers, keepers and union staff are refused every action; an admin is not', async () => {
    for (const who of ['demo-worker', 'demo-keeper', 'demo-staff']) {
      for (const action of ['tree', 'saveOrg', 'moveOrg', 'saveArea', 'saveEmployer', 'importSheet']) {
        const r = await gw.as(tokens[who]).raw('orgs', action, {})
        expect([who, action, r.status, r.error?.message]).toEqual([who, action, 403, '您没有权限进行此操作'])
      }
    }
    expect((await o('demo-admin', 'tree')).status).toBe(200)
  })

  test('the county admin sees the whole tree, indented, with the county settings; a sub-union admin only their union', async () => {
    const all = (await o('demo-admin', 'tree')).data!
    expect(all.county).toEqual({ orgId: 'org-leling', name: '乐陵市总工会', regionCode: '371481' })
    expect(all.countyAdmin).toBe(true)
    expect(all.items[0]).toMatchObject({ id: 'org-leling', kind: 'county', depth: 0, own: true, phone: '0534-6221234' })
    expect(all.items.find((n: { id: string }) => n.id === 'org-shizhong-joint')).toMatchObject({
      kind: 'joint',
      depth: 1,
      regions: ['area-shizhong'],
      industries: ['courier', 'delivery', 'ridehail', 'truck', 'other'],
      disabled: false,
    })
    expect(all.areas.map((a: { name: string }) => a.name).slice(0, 2)).toEqual(['市中街道', '胡家街道'])
    const sub = (await o('taishan-admin', 'tree')).data!
    expect(sub.items.map((n: { id: string }) => n.id)).toEqual(['org-taishan'])
    expect(sub.countyAdmin).toBe(false)
  })
})

describe('org tree', () => {
  test('an admin adds a grassroots union; bad input is named field by field in Chinese', async () => {
    const bad = await o('demo-admin', 'saveOrg', { parentId: 'org-leling', name: ' ', kind: 'enterprise', phone: '12', industries: ['courier'] })
    expect(bad.status).toBe(400)
    const fields = Object.fromEntries(bad.error!.fields!.map((f: { path: string; message: string }) => [f.path, f.message]))
    expect(fields.name).toBe('组织名称至少 2 个字')
    expect(fields.phone).toBe('电话格式不正确（手机号或带区号的座机）')
    const wrongKind = await o('demo-admin', 'saveOrg', { parentId: 'org-leling', name: '乐陵市第二总工会', kind: 'county' })
    expect(wrongKind.error!.fields!).toEqual([{ path: 'kind', message: expect.stringContaining('只有县总工会是「总工会」') }])
    const industries = await o('demo-admin', 'saveOrg', {
      parentId: 'org-leling',
      name: '乐陵市某某公司工会',
      kind: 'enterprise',
      industries: ['courier'],
    })
    expect(industries.error!.fields![0]).toMatchObject({ path: 'industries' })

    const r = await o('demo-admin', 'saveOrg', {
      parentId: 'org-leling',
      name: '乐陵市金龙机械有限公司工会',
      kind: 'enterprise',
      phone: '0534-6212001',
      regions: ['area-hujia'],
    })
    expect(r.data!).toMatchObject({ created: true })
    expect(r.data!.id).toMatch(/^org_[0-9a-f]{20}$/)
    const tree = (await o('demo-admin', 'tree')).data!.items
    expect(tree.find((n: { id: string }) => n.id === r.data!.id)).toMatchObject({
      name: '乐陵市金龙机械有限公司工会',
      depth: 1,
      regions: ['area-hujia'],
    })
    const dup = await o('demo-admin', 'saveOrg', { parentId: 'org-leling', name: '乐陵市金龙机械有限公司 工会', kind: 'enterprise' })
    expect(dup.error!.fields!).toEqual([{ path: 'name', message: '已有同名组织「乐陵市金龙机械有限公司工会」，组织名称不能重复' }])
    const audit = await gw.store.find('audit_log', { where: { action: 'orgs.org', targetId: r.data!.id }, limit: 5 })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'demo-admin', before: null, after: { name: '乐陵市金龙机械有限公司工会', parentId: 'org-leling' } })
  })

  test('rename and edit keep the org where it is; renaming the county renames its settings', async () => {
    const r = await o('demo-admin', 'saveOrg', { id: 'org-hospital', name: '乐陵市人民医院工会委员会', kind: 'enterprise', phone: '0534-6213000' })
    expect(r.data!).toEqual({ id: 'org-hospital', created: false })
    expect(await gw.store.get('orgs', 'org-hospital')).toMatchObject({
      name: '乐陵市人民医院工会委员会',
      parentId: 'org-leling',
      phone: '0534-6213000',
    })
    await o('demo-admin', 'saveOrg', { id: 'org-leling', name: '乐陵市总工会（新）', kind: 'county', phone: '0534-6221234' })
    expect(await gw.store.get('settings', 'county')).toMatchObject({ orgId: 'org-leling', name: '乐陵市总工会（新）', regionCode: '371481' })
    await o('demo-admin', 'saveOrg', { id: 'org-leling', name: '乐陵市总工会', kind: 'county', phone: '0534-6221234' })
    expect(await gw.store.get('settings', 'county')).toMatchObject({ name: '乐陵市总工会' })
    const county = await o('demo-admin', 'saveOrg', { id: 'org-leling', name: '乐陵市总工会', kind: 'enterprise', phone: '' })
    expect(county.error!.fields!).toEqual([{ path: 'kind', message: '县总工会的类型只能是「总工会」' }])
  })

  test('a sub-union admin manages their own subtree only', async () => {
    const child = await o('taishan-admin', 'saveOrg', { parentId: 'org-taishan', name: '泰山体育器材分公司工会', kind: 'enterprise' })
    expect(child.data!.created).toBe(true)
    const outside = await o('taishan-admin', 'saveOrg', { parentId: 'org-leling', name: '别处的工会', kind: 'enterprise' })
    expect(outside.status).toBe(403)
    expect(outside.error!.message).toBe('只能在您所在工会及其下级组织之下新增组织')
    expect((await o('taishan-admin', 'saveOrg', { id: 'org-baizao', name: '改名', kind: 'enterprise' })).status).toBe(403)
    expect((await o('taishan-admin', 'setOrgDisabled', { id: 'org-hospital', disabled: true })).status).toBe(403)
    expect((await o('taishan-admin', 'moveOrg', { id: child.data!.id, parentId: 'org-leling' })).status).toBe(403)
    const own = await o('taishan-admin', 'setOrgDisabled', { id: 'org-taishan', disabled: true })
    expect(own.status).toBe(403)
    expect(own.error!.message).toContain('不能停用您自己所在的工会')
    expect((await o('taishan-admin', 'tree')).data!.items.map((n: { name: string; depth: number }) => [n.name, n.depth])).toEqual([
      ['泰山体育产业集团有限公司工会', 0],
      ['泰山体育器材分公司工会', 1],
    ])
  })

  test('moving under its own descendant is refused with a clear message; a legal move is audited', async () => {
    const parent = (await o('demo-admin', 'saveOrg', { parentId: 'org-leling', name: '乐陵市开发区联合工会', kind: 'joint' })).data!.id
    const child = (await o('demo-admin', 'saveOrg', { parentId: parent, name: '开发区一号企业工会', kind: 'enterprise' })).data!.id
    const grandchild = (await o('demo-admin', 'saveOrg', { parentId: child, name: '开发区一号企业车间工会', kind: 'enterprise' })).data!.id
    const cycle = await o('demo-admin', 'moveOrg', { id: parent, parentId: grandchild })
    expect(cycle.status).toBe(400)
    expect(cycle.error!.message).toBe('「开发区一号企业车间工会」是「乐陵市开发区联合工会」的下级组织，不能把「乐陵市开发区联合工会」移到它之下')
    expect(cycle.error!.fields![0].path).toBe('parentId')
    expect((await o('demo-admin', 'moveOrg', { id: parent, parentId: parent })).error!.message).toContain('移到它自己之下')
    expect((await o('demo-admin', 'moveOrg', { id: 'org-leling', parentId: parent })).error!.message).toContain('是组织树的根，不能移动')
    expect((await gw.store.get('orgs', parent))!.parentId).toBe('org-leling')

    const moved = await o('demo-admin', 'moveOrg', { id: grandchild, parentId: parent })
    expect(moved.data!).toEqual({ id: grandchild, parentId: parent })
    expect((await gw.store.get('orgs', grandchild))!.parentId).toBe(parent)
    const audit = await gw.store.find('audit_log', { where: { action: 'orgs.org', targetId: grandchild }, limit: 5 })
    expect(audit.map((a) => a.after)).toContainEqual({ parentId: parent })
  })

  test('a disabled org receives no new applications; its members stay; enabling it again restores routing', async () => {
    const member = await apply({ employer: '泰山体育' })
    expect(member.data!.org.id).toBe('org-taishan')
    expect((await o('demo-admin', 'setOrgDisabled', { id: 'org-leling', disabled: true })).error!.message).toContain('不能停用')

    expect((await o('demo-admin', 'setOrgDisabled', { id: 'org-taishan', disabled: true })).data!).toEqual({ id: 'org-taishan', disabled: true })
    expect((await apply({ employer: '泰山体育产业集团有限公司' })).data!).toMatchObject({ org: { id: 'org-leling' }, routedBy: 'county' })
    expect((await gw.store.find('applications', { where: { orgId: 'org-taishan' }, limit: 10 })).length).toBe(1)
    const options = (await gw.as(tokens['demo-worker']).call('membership', 'options', {})).data!
    expect(options.employers).not.toContain('泰山体育产业集团有限公司')

    // A disabled 联合工会: couriers of 市中街道 go on to the county-wide 快递 union.
    await o('demo-admin', 'setOrgDisabled', { id: 'org-shizhong-joint', disabled: true })
    const courier = await apply({ employer: '顺丰速运', newEmploymentType: 'courier', region: 'area-shizhong' })
    expect(courier.data!).toMatchObject({ org: { id: 'org-express' }, routedBy: 'industry' })

    await o('demo-admin', 'setOrgDisabled', { id: 'org-taishan', disabled: false })
    await o('demo-admin', 'setOrgDisabled', { id: 'org-shizhong-joint', disabled: false })
    expect((await apply({ employer: '泰山体育' })).data!.org.id).toBe('org-taishan')
    const audit = await gw.store.find('audit_log', { where: { action: 'orgs.org', targetId: 'org-taishan' }, limit: 10 })
    expect(audit.map((a) => a.after)).toEqual(expect.arrayContaining([{ disabled: true }, { disabled: false }]))
  })
})

describe('街道/乡镇', () => {
  test('added with or without a centre, renamed, reordered and disabled; the forms that use them follow', async () => {
    const bad = await o('demo-admin', 'saveArea', { name: '新区街道', lat: 117.2, lng: 37.7 })
    expect(bad.error!.fields!).toEqual([{ path: 'lat', message: '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间' }])
    expect((await o('demo-admin', 'saveArea', { name: '新区街道', lat: 37.75 })).error!.fields![0]).toMatchObject({ path: 'lng' })
    expect((await o('demo-admin', 'saveArea', { name: '市中 街道' })).error!.fields![0].message).toBe('已有「市中街道」，名称不能重复')

    const withCenter = (await o('demo-admin', 'saveArea', { name: '新区街道', lat: 37.75, lng: 117.25 })).data!.id
    const without = (await o('demo-admin', 'saveArea', { name: '西段乡' })).data!.id
    const worker = tokens['demo-worker']
    const regions = (await gw.as(worker).call('membership', 'options', {})).data!.regions.map((r: { name: string }) => r.name)
    expect(regions.slice(-2)).toEqual(['新区街道', '西段乡'])
    const stationAreas = (await gw.as(worker).call('stations', 'areas', {})).data!.items.map((a: { name: string }) => a.name)
    expect(stationAreas).toContain('新区街道')
    expect(stationAreas).not.toContain('西段乡') // no centre to open the map on

    await o('demo-admin', 'saveArea', { id: without, name: '西段镇' })
    const moved = (await o('demo-admin', 'moveArea', { id: without, offset: -1 })).data!.items.map((a: { name: string }) => a.name)
    expect(moved.slice(-2)).toEqual(['西段镇', '新区街道'])
    expect((await o('demo-admin', 'tree')).data!.areas.map((a: { name: string; order: number }) => a.name).slice(-2)).toEqual(['西段镇', '新区街道'])

    await o('demo-admin', 'setAreaDisabled', { id: withCenter, disabled: true })
    const after = (await gw.as(worker).call('membership', 'options', {})).data!.regions.map((r: { name: string }) => r.name)
    expect(after).not.toContain('新区街道')
    const refused = await apply({ region: withCenter })
    expect(refused.error!.fields!).toEqual([{ path: 'region', message: '请从列表中选择所在地区' }])
    expect(await gw.store.count('audit_log', { action: 'orgs.area' })).toBe(5)
  })

  test('only the county federation’s admins keep the list', async () => {
    const r = await o('taishan-admin', 'saveArea', { name: '泰山街道' })
    expect(r.status).toBe(403)
    expect(r.error!.message).toBe('只有县总工会的管理员可以维护街道/乡镇和行政区划代码')
    expect((await o('taishan-admin', 'moveArea', { id: 'area-hujia', offset: 1 })).status).toBe(403)
  })
})

describe('employers', () => {
  test('an employer with aliases routes every one of its names; hashed ids are never asked for', async () => {
    const org = (await o('demo-admin', 'saveOrg', { parentId: 'org-leling', name: '乐陵市希森马铃薯集团工会', kind: 'enterprise' })).data!.id
    const dup = await o('demo-admin', 'saveEmployer', { name: '希森集团', aliases: ['希森', '泰山体育'], orgId: org })
    expect(dup.error!.fields!).toEqual([
      { path: 'aliases.1', message: '「泰山体育」已登记为其他用人单位的名称（分派到泰山体育产业集团有限公司工会）' },
    ])
    const sameTwice = await o('demo-admin', 'saveEmployer', { name: '希森集团', aliases: ['希森 集团'], orgId: org })
    expect(sameTwice.error!.fields![0]).toMatchObject({ path: 'aliases.0', message: '别名「希森 集团」与单位名称或其他别名重复' })

    const saved = await o('demo-admin', 'saveEmployer', { name: '乐陵希森马铃薯产业集团有限公司', aliases: ['希森集团', '希森'], orgId: org })
    expect(saved.data!.created).toBe(true)
    expect((await apply({ employer: '希森' })).data!).toMatchObject({ org: { id: org }, routedBy: 'employer' })
    expect((await apply({ employer: '乐陵希森 马铃薯产业集团有限公司 ' })).data!.org.id).toBe(org)

    const found = (await o('demo-admin', 'employers', { q: '希森集' })).data!
    expect(found.items).toEqual([
      {
        id: saved.data!.id,
        name: '乐陵希森马铃薯产业集团有限公司',
        aliases: ['希森', '希森集团'],
        orgId: org,
        orgName: '乐陵市希森马铃薯集团工会',
        orgDisabled: false,
      },
    ])
    const seeded = (await o('demo-admin', 'employers', { q: '泰山' })).data!.items
    expect(seeded).toEqual([
      expect.objectContaining({ name: '泰山体育产业集团有限公司', aliases: ['泰山体育', '泰山体育产业集团'], orgId: 'org-taishan' }),
    ])
    const audit = await gw.store.find('audit_log', { where: { action: 'orgs.employer', targetId: saved.data!.id }, limit: 5 })
    expect(audit[0]).toMatchObject({ before: null, after: { name: '乐陵希森马铃薯产业集团有限公司', aliases: ['希森集团', '希森'], orgId: org } })
  })

  test('re-pointed to another union, an alias dropped, then removed: routing follows each step', async () => {
    const { id, aliases } = (await o('demo-admin', 'employers', { q: '百枣' })).data!.items[0]
    expect(aliases).toEqual(['百枣纲目'])
    await o('demo-admin', 'saveEmployer', { id, name: '山东百枣纲目生物科技有限公司', aliases: [], orgId: 'org-hospital' })
    expect((await apply({ employer: '山东百枣纲目生物科技有限公司' })).data!.org.id).toBe('org-hospital')
    expect((await apply({ employer: '百枣纲目' })).data!.routedBy).toBe('county')
    expect((await o('demo-admin', 'removeEmployer', { id })).data!).toEqual({ removed: true })
    expect((await apply({ employer: '山东百枣纲目生物科技有限公司' })).data!.routedBy).toBe('county')
    expect(await gw.store.count('employers', { employerId: id })).toBe(0)
  })

  test('a sub-union admin adds employers to their union, and cannot take another union’s', async () => {
    const mine = await o('taishan-admin', 'saveEmployer', { name: '泰山体育器材有限公司', aliases: [], orgId: 'org-taishan' })
    expect(mine.data!.created).toBe(true)
    const elsewhere = await o('taishan-admin', 'saveEmployer', { name: '某医院后勤公司', aliases: [], orgId: 'org-hospital' })
    expect(elsewhere.status).toBe(403)
    const hospital = (await o('demo-admin', 'employers', { q: '人民医院' })).data!.items[0]
    expect((await o('taishan-admin', 'saveEmployer', { id: hospital.id, name: hospital.name, aliases: [], orgId: 'org-taishan' })).status).toBe(403)
    expect((await o('taishan-admin', 'removeEmployer', { id: hospital.id })).status).toBe(403)
    const listed = (await o('taishan-admin', 'employers', {})).data!.items.map((e: { name: string }) => e.name)
    expect(listed).toEqual(['泰山体育产业集团有限公司', '泰山体育器材有限公司'])
  })
})

describe('county settings', () => {
  test('the region code is validated, kept by the county admins only, and numbers new members', async () => {
    const bad = await o('demo-admin', 'saveCounty', { regionCode: '371400' })
    expect(bad.error!.fields!).toEqual([{ path: 'regionCode', message: '行政区划代码应为县级的 6 位数字（末两位不是 00），如 371481' }])
    expect((await o('taishan-admin', 'saveCounty', { regionCode: '371422' })).status).toBe(403)
    expect((await o('demo-admin', 'saveCounty', { regionCode: '371422' })).data!).toEqual({
      orgId: 'org-leling',
      name: '乐陵市总工会',
      regionCode: '371422',
    })

    const app = await apply({ employer: '某某小饭馆' })
    const staff = await gw.login('demo-staff')
    const approved = await gw.as(staff).call('membership', 'review', { id: app.data!.id, decision: 'approve' })
    expect(approved.data!.memberNo).toMatch(/^3714222026\d{6}$/)
    await o('demo-admin', 'saveCounty', { regionCode: '371481' })
    expect(await gw.store.count('audit_log', { action: 'orgs.county' })).toBe(2)
  })

  test('with no county set up, 入会 and 法律援助 say so instead of guessing a union', async () => {
    const saved = await gw.store.get('settings', 'county')
    await gw.store.remove('settings', { _id: 'county' })
    try {
      const r = await apply({})
      expect(r.error).toEqual({ code: 'CLOSED', message: '本县工会尚未完成设置，请联系工会管理员' })
      const legal = await gw.as(tokens['demo-worker']).call('legalAid', 'submit', FORM)
      expect(legal.error).toEqual({ code: 'CLOSED', message: '本县工会尚未完成设置，请联系工会管理员' })
      expect((await o('demo-admin', 'tree')).data!).toMatchObject({ county: null, countyAdmin: false })
      expect((await o('demo-admin', 'saveArea', { name: '无设置街道' })).error!.message).toBe('本县工会尚未完成设置，请联系工会管理员')
      // The root's admin finishes the setup in the 工作台.
      expect((await o('demo-admin', 'saveCounty', { regionCode: '371481' })).data!).toEqual({
        orgId: 'org-leling',
        name: '乐陵市总工会',
        regionCode: '371481',
      })
      expect((await apply({})).status).toBe(200)
    } finally {
      await gw.store.put('settings', saved!)
    }
  })
})
