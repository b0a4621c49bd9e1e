import ExcelJS from 'exceljs'
import { applyForm, idFor } from '../utils/membership'
import { startGateway, type Reply, type TestGateway } from './harness'
import type { ApiResult } from '../../src/contracts/result'

/** 组织架构 Excel import: 预览 first (nothing written, every row reported), then 确认导入; importing again changes nothing. */

let gw: TestGateway
let admin: string
let taishanAdmin: string

async function xlsx(sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name)
    for (const r of rows) ws.addRow(r)
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

/** As the page does: upload the workbook into one's own folder, then pass its id. */
const importSheet = async (token: string, base64: string, dryRun: boolean) => {
  const up = await gw.upload('sheet', '组织架构.xlsx', Buffer.from(base64, 'base64'), token)
  if (!up.json.ok) return { ...(up.json as ApiResult<never>), status: up.status } as Reply<never>
  return gw.as(token).call('orgs', 'importSheet', { fileId: up.json.data.fileId, dryRun })
}

const SHEETS = {
  街道乡镇: [
    ['名称', '纬度', '经度'],
    ['示例：城东街道（此行不会导入，可删除）', '37.7312', '117.2208'],
    ['城北街道', '37.7601', '117.2150'],
    ['市中街道', '', ''],
    ['反了街道', '117.2', '37.7'],
  ],
  组织: [
    ['名称', '上级组织', '类型', '电话', '服务街道', '行业'],
    // a child listed above its parent: planned parents first
    ['城北物流园一号仓工会', '城北物流园联合工会', '基层工会', '', '城北街道', ''],
    ['城北物流园联合工会', '', '联合工会', '0534-6230001', '城北街道', '快递员|货车司机'],
    ['乐陵市人民医院工会', '', '', '0534-6213999', '', ''],
    ['无名上级工会', '不存在的工会', '基层工会', '', '', ''],
    ['类型错了工会', '', '合作社', '', '', ''],
    ['企业不分行业工会', '', '基层工会', '', '', '外卖'],
    ['乐陵市总工会', '', '总工会', '', '', ''],
    ['城北物流园联合工会', '', '联合工会', '', '', ''],
  ],
  用人单位: [
    ['单位名称', '别名', '所属工会'],
    ['乐陵城北顺达物流有限公司', '顺达物流|城北顺达', '城北物流园一号仓工会'],
    ['泰山体育产业集团有限公司', '泰山集团', '泰山体育产业集团有限公司工会'],
    ['没有工会的公司', '', '不存在的工会'],
    ['顺达物流', '', '城北物流园联合工会'],
  ],
}

beforeAll(async () => {
  gw = await startGateway()
  await gw.store.put('users', { _id: 'taishan-admin', name: '泰山管理员', grants: [{ role: 'admin', scope: 'org-taishan' }] })
  admin = await gw.login('demo-admin')
  taishanAdmin = await gw.login('taishan-admin')
})
afterAll(() => gw.close())

test('the template has the three sheets with Chinese headers, and imports as nothing but skipped examples', async () => {
  const t = await gw.as(admin).call('orgs', 'importTemplate', {})
  expect(t.data!.filename).toBe('组织架构导入模板.xlsx')
  const wb = new ExcelJS.Workbook()
  expect(JSON.stringify(t)).not.toMatch(/base64/)
  const file = await gw.download(t.data!.url)
  expect(file.status).toBe(200)
  await wb.xlsx.load(file.bytes as unknown as ArrayBuffer)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['街道乡镇', '组织', '用人单位', '填写说明'])
  expect((wb.getWorksheet('组织')!.getRow(1).values as unknown[]).slice(1)).toEqual(['名称', '上级组织', '类型', '电话', '服务街道', '行业'])
  expect((wb.getWorksheet('用人单位')!.getRow(1).values as unknown[]).slice(1)).toEqual(['单位名称', '别名', '所属工会'])
  const r = await importSheet(admin, file.bytes.toString('base64'), true)
  expect(r.data!.sheets.map((s: { sheet: string; skipped: number; rows: unknown[] }) => [s.sheet, s.skipped, s.rows.length])).toEqual([
    ['街道乡镇', 1, 0],
    ['组织', 1, 0],
    ['用人单位', 1, 0],
  ])
})

test('preview reports every row by number and column and writes nothing; confirm writes the same; again changes nothing', async () => {
  const base64 = await xlsx(SHEETS)
  const counts = async () => [
    await gw.store.count('orgs'),
    await gw.store.count('areas'),
    await gw.store.count('employers'),
    await gw.store.count('audit_log'),
  ]
  const before = await counts()

  const preview = await importSheet(admin, base64, true)
  expect(preview.status).toBe(200)
  expect(await counts()).toEqual(before)
  const [areas, orgs, employers] = preview.data!.sheets
  expect(preview.data!.dryRun).toBe(true)

  expect(areas.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
    [3, 'created'],
    [4, 'unchanged'],
    [5, 'refused'],
  ])
  expect(areas.rows[2].errors).toEqual([{ path: '纬度', message: '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间' }])

  const byRow = Object.fromEntries(orgs.rows.map((r) => [r.row, r]))
  expect(byRow[2]).toMatchObject({ name: '城北物流园一号仓工会', status: 'created' })
  expect(byRow[3]).toMatchObject({ name: '城北物流园联合工会', status: 'created' })
  expect(byRow[4]).toMatchObject({ status: 'updated', changes: ['电话：— → 0534-6213999'] })
  expect(byRow[5].errors).toEqual([{ path: '上级组织', message: '上级组织「不存在的工会」不存在（须已在组织树中，或在本表中列出）' }])
  expect(byRow[6].errors).toEqual([{ path: '类型', message: '类型「合作社」不认识：应为 基层工会、联合工会、行业工会（县总工会为 总工会）' }])
  expect(byRow[7].errors![0]).toMatchObject({ path: '行业' })
  expect(byRow[8]).toMatchObject({ status: 'unchanged' })
  expect(byRow[9].errors).toEqual([{ path: '名称', message: '与第 3 行重复' }])
  expect([orgs.created, orgs.updated, orgs.unchanged, orgs.refused]).toEqual([2, 1, 1, 4])

  expect(employers.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
    [2, 'created'],
    [3, 'updated'],
    [4, 'refused'],
    [5, 'refused'],
  ])
  expect(employers.rows[1].changes).toEqual(['新增别名：泰山集团'])
  expect(employers.rows[2].errors).toEqual([
    { path: '所属工会', message: '没有名为「不存在的工会」的工会（须已在组织树中，或在工作表「组织」中列出）' },
  ])
  expect(employers.rows[3].errors).toEqual([{ path: '单位名称', message: '「顺达物流」与第 2 行重复' }])

  // 确认导入: the same answer, written.
  const done = await importSheet(admin, base64, false)
  expect(done.data!.dryRun).toBe(false)
  expect(done.data!.sheets.map((s: { rows: { status: string }[] }) => s.rows.map((r) => r.status))).toEqual(
    preview.data!.sheets.map((s: { rows: { status: string }[] }) => s.rows.map((r) => r.status)),
  )
  const union = (await gw.store.find('orgs', { where: { name: '城北物流园联合工会' }, limit: 1 }))[0]
  expect(union).toMatchObject({ parentId: 'org-leling', kind: 'joint', industries: ['courier', 'truck'], phone: '0534-6230001' })
  const warehouse = (await gw.store.find('orgs', { where: { name: '城北物流园一号仓工会' }, limit: 1 }))[0]
  expect(warehouse.parentId).toBe(union._id)
  const area = (await gw.store.find('areas', { where: { name: '城北街道' }, limit: 1 }))[0]
  expect(area).toMatchObject({ center: { lat: 37.7601, lng: 117.215 }, orgId: 'org-leling' })
  expect(warehouse.regions).toEqual([area._id])
  expect(await gw.store.count('audit_log', { action: 'orgs.import' })).toBe(6)

  // The imported employer routes an application to its union, by any of its names.
  const t = await gw.login('import-worker')
  const applied = await gw.as(t).call('membership', 'apply', applyForm({ idNumber: idFor(701), employer: '城北顺达' }))
  expect(applied.data!).toMatchObject({ org: { id: warehouse._id, name: '城北物流园一号仓工会' }, routedBy: 'employer' })

  // Idempotent: the same sheet again finds every record as it left it.
  const after = await counts()
  const again = await importSheet(admin, base64, false)
  const statuses = again.data!.sheets.flatMap((s: { rows: { status: string }[] }) => s.rows.map((r) => r.status))
  expect(statuses.filter((s: string) => s !== 'refused').every((s: string) => s === 'unchanged')).toBe(true)
  expect(await counts()).toEqual(after)
})

test('a sub-union admin imports below their union only; 街道 rows are the county’s', async () => {
  const base64 = await xlsx({
    街道乡镇: [['名称'], ['泰山街道']],
    组织: [
      ['名称', '上级组织', '类型'],
      ['泰山体育一分厂工会', '', '基层工会'],
      ['县里的工会', '乐陵市总工会', '基层工会'],
      ['乐陵市人民医院工会', '', ''],
    ],
  })
  const r = await importSheet(taishanAdmin, base64, false)
  const [areas, orgs] = r.data!.sheets
  expect(areas.rows[0]).toMatchObject({
    status: 'refused',
    errors: [{ path: '名称', message: '只有县总工会的管理员可以维护街道/乡镇和行政区划代码' }],
  })
  expect(orgs.rows.map((x: { status: string }) => x.status)).toEqual(['created', 'refused', 'refused'])
  expect(orgs.rows[1].errors).toEqual([{ path: '上级组织', message: '只能放在您所在工会及其下级组织之下' }])
  expect(orgs.rows[2].errors![0].message).toContain('不在您管理的范围内')
  expect((await gw.store.find('orgs', { where: { name: '泰山体育一分厂工会' }, limit: 1 }))[0].parentId).toBe('org-taishan')
})

test('a moved parent may not go under its own child; a missing column or a wrong file is said plainly', async () => {
  const cycle = await importSheet(
    admin,
    await xlsx({
      组织: [
        ['名称', '上级组织'],
        ['城北物流园联合工会', '城北物流园一号仓工会'],
      ],
    }),
    true,
  )
  expect(cycle.data!.sheets[0].rows[0].errors).toEqual([
    { path: '上级组织', message: '「城北物流园一号仓工会」是「城北物流园联合工会」的下级组织，不能把「城北物流园联合工会」移到它之下' },
  ])
  const loop = await importSheet(
    admin,
    await xlsx({
      组织: [
        ['名称', '上级组织'],
        ['甲工会', '乙工会'],
        ['乙工会', '甲工会'],
      ],
    }),
    true,
  )
  expect(loop.data!.sheets[0].rows.map((x: { status: string }) => x.status)).toEqual(['refused', 'refused'])

  const noColumn = await importSheet(
    admin,
    await xlsx({
      用人单位: [
        ['单位名称', '别名'],
        ['某公司', ''],
      ],
    }),
    true,
  )
  expect(noColumn.data!.sheets[0]).toMatchObject({ sheet: '用人单位', rows: [], message: expect.stringContaining('表头缺少列：所属工会') })
  const csv = await importSheet(admin, Buffer.from('名称,上级组织\n甲,乙\n').toString('base64'), true)
  expect(csv.status).toBe(400)
  expect(csv.error!).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: [{ path: 'fileId', message: '请选择 Excel（.xlsx）文件：可先下载模板，按模板填写' }],
  })
  const noSheets = await importSheet(admin, await xlsx({ Sheet1: [['名称']] }), true)
  expect(noSheets.error!.message).toContain('没有找到工作表')
})
