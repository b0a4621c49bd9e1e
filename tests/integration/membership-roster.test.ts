import ExcelJS from 'exceljs'
import { maskIdNumber } from '../../src/contracts/membership/idcard'
import { applyForm, idFor } from '../utils/membership'
import { rosterXlsx } from '../utils/roster'
import { openExport, uploadId } from './file-helpers'
import { startGateway, type TestGateway } from './harness'

/** 会员名册导入: staff bring in the members they have on paper; 预览 writes nothing, 确认导入 is idempotent. */

jest.setTimeout(60_000)

let gw: TestGateway
let staff: string
let taishanStaff: string

const importRoster = async (token: string, bytes: Buffer, dryRun: boolean) =>
  gw.as(token).call('membership', 'importRoster', { fileId: await uploadId(gw, 'sheet', '会员名册.xlsx', bytes, token), dryRun })

const rosterDocs = async () =>
  (await gw.store.find<{ _id: string; source?: string }>('applications', { limit: 500 })).filter((d) => d.source === 'roster')

const ROWS = [
  ['示例：张三', '371481199003071234', '13800000000', '乐陵市某某有限公司', '2019-05-01', '', ''],
  ['孙建华', idFor(501), '13900000501', '泰山体育产业集团有限公司', '2018-03-15', '', '泰山体育产业集团有限公司工会'],
  ['李红梅', idFor(502), '13900000502', '乐陵市人民医院', '2020/7/1', '3714812020000077', ''],
  ['错号码', idFor(503).slice(0, 17) + (idFor(503).endsWith('0') ? '1' : '0'), '13900000503', '某公司', '2020-01-01', '', ''],
  ['日期错', idFor(505), '13900000505', '某公司', '去年', '', ''],
  ['孙建华', idFor(501), '13900000599', '泰山体育产业集团有限公司', '2018-03-15', '', ''],
  ['外单位', idFor(507), '13900000507', '某公司', '2021-01-01', '', '不存在的工会'],
]

beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
  taishanStaff = await gw.login('demo-staff-taishan')
})
afterAll(() => gw.close())

test('the template is the roster sheet with text columns for 身份证号 and 手机号, an example row and notes', async () => {
  const res = await gw.as(staff).call('membership', 'rosterTemplate', {})
  expect(res.status).toBe(200)
  const wb: ExcelJS.Workbook = await openExport(gw, res.data!)
  const ws = wb.getWorksheet('会员名册')!
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '身份证号', '手机号', '工作单位', '入会日期', '会员编号', '所属工会'])
  expect(ws.getColumn(2).numFmt).toBe('@')
  expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^示例：/)
  expect(wb.getWorksheet('填写说明')).toBeTruthy()
  // A worker has no business with it.
  expect((await gw.as(await gw.login('demo-worker')).call('membership', 'rosterTemplate', {})).status).toBe(403)
})

test('预览 reports every row and writes nothing; 确认导入 makes members nobody has to apply for; importing again changes nothing', async () => {
  const file = await rosterXlsx(ROWS)
  const preview = await importRoster(staff, file, true)
  expect(preview.status).toBe(200)
  const p = preview.data!
  expect(p).toMatchObject({ dryRun: true, created: 2, updated: 0, unchanged: 0, refused: 4, skipped: 1 })
  const byRow = Object.fromEntries(p.rows.map((r) => [r.row, r]))
  expect(byRow[3]).toMatchObject({ name: '孙建华', status: 'created', idNumberMasked: maskIdNumber(idFor(501)) })
  expect(byRow[4]).toMatchObject({ name: '李红梅', status: 'created', memberNo: '3714812020000077' })
  expect(byRow[5].errors).toEqual([{ path: '身份证号', message: '身份证号校验位不正确，请核对是否输错' }])
  expect(byRow[6].errors).toEqual([{ path: '入会日期', message: '入会日期应写成 2019-05-01 这样的日期' }])
  expect(byRow[7].errors).toEqual([{ path: '身份证号', message: '与第 3 行是同一个身份证号' }])
  expect(byRow[8].errors![0]).toMatchObject({ path: '所属工会', message: expect.stringContaining('不是您管理的工会') })
  // The report is for staff's eyes, yet never carries a full 身份证号.
  expect(JSON.stringify(p)).not.toContain(idFor(501))
  expect(await rosterDocs()).toEqual([])

  const done = await importRoster(staff, file, false)
  expect(done.data!).toMatchObject({ dryRun: false, created: 2, refused: 4 })
  // A blank 会员编号 got one on import, by the year of joining; the report says which.
  expect(done.data!.rows.find((r: { row: number }) => r.row === 3)!.memberNo).toMatch(/^3714812018\d{6}$/)
  const members = await gw.as(staff).call('membership', 'listApplications', { status: 'approved', q: '孙建华' })
  expect(members.data!.items).toEqual([expect.objectContaining({ name: '孙建华', orgName: '泰山体育产业集团有限公司工会', status: 'approved' })])
  const detail = (await gw.as(staff).call('membership', 'getApplication', { id: members.data!.items[0].id })).data!
  expect(detail).toMatchObject({ routedBy: 'roster', memberNo: expect.stringMatching(/^3714812018\d{6}$/), gender: '男' })
  // Encrypted at rest, as an application's.
  const raw = gw.store.rawDump('applications').join('\n') + gw.store.rawDump('audit_log').join('\n')
  expect(raw).not.toContain(idFor(501))
  expect(raw).not.toContain('13900000501')

  // On the roster means a member: the same 身份证号 cannot apply again.
  const again = await gw.as(await gw.login('w-roster-1')).call('membership', 'apply', applyForm({ idNumber: idFor(501) }))
  expect(again.status).toBe(409)

  const twice = await importRoster(staff, file, false)
  expect(twice.data!).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 4 })
  expect(await rosterDocs()).toHaveLength(2)
})

test('a changed phone or employer is an update, listed masked and audited; a member number never changes by sheet', async () => {
  const changed = await rosterXlsx([
    ['孙建华', idFor(501), '13911112222', '泰山体育产业集团（新厂区）', '2018-03-15', '', '泰山体育产业集团有限公司工会'],
    ['李红梅', idFor(502), '13900000502', '乐陵市人民医院', '2020-07-01', '3714812020000099', ''],
  ])
  const res = (await importRoster(staff, changed, false)).data!
  expect(res).toMatchObject({ updated: 1, refused: 1 })
  expect(res.rows[0].changes).toEqual(['手机号：139****0501 → 139****2222', '工作单位：泰山体育产业集团有限公司 → 泰山体育产业集团（新厂区）'])
  expect(res.rows[1].errors![0]).toMatchObject({ path: '会员编号', message: expect.stringContaining('3714812020000077') })
  const audit = await gw.store.find<{ _id: string; action: string; after: { changes?: string[] } }>('audit_log', {
    where: { action: 'membership.importRoster' },
  })
  expect(audit.some((a) => a.after.changes?.includes('手机号：139****0501 → 139****2222'))).toBe(true)
})

test('someone who applied in the app is not overwritten; another union’s staff cannot import into unions they do not run', async () => {
  const worker = await gw.login('w-roster-2')
  expect((await gw.as(worker).call('membership', 'apply', applyForm({ idNumber: idFor(509), name: '赵申请' }))).status).toBe(200)
  const res = (await importRoster(staff, await rosterXlsx([['赵申请', idFor(509), '13900000509', '某公司', '2019-01-01', '', '']]), true)).data!
  expect(res.rows[0]).toMatchObject({ status: 'refused', errors: [{ path: '身份证号', message: '此人已在小程序申请入会（待审核），无需导入' }] })

  const theirs = (
    await importRoster(taishanStaff, await rosterXlsx([['钱某', idFor(511), '13900000511', '某公司', '2019-01-01', '', '乐陵市人民医院工会']]), true)
  ).data!
  expect(theirs.rows[0].errors![0].path).toBe('所属工会')
})

test('a given number in the county’s scheme moves the counter past it, so a later approval never repeats it', async () => {
  gw.clock.now = new Date('2026-05-01T10:00:00+08:00')
  const given = '3714812026000040'
  const res = (await importRoster(staff, await rosterXlsx([['周给号', idFor(513), '13900000513', '某公司', '2026-03-01', given, '']]), false)).data!
  expect(res.created).toBe(1)
  const worker = await gw.login('w-roster-3')
  const app = await gw.as(worker).call('membership', 'apply', applyForm({ idNumber: idFor(515), name: '吴新人' }))
  const approved = await gw.as(staff).call('membership', 'review', { id: app.data!.id, decision: 'approve', reason: '' })
  expect(approved.data!.memberNo! > given).toBe(true)
})

test('a file that is not a roster says why, under the file', async () => {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('名单').addRow(['名字', '电话'])
  wb.addWorksheet('别的').addRow(['x'])
  const res = await importRoster(staff, Buffer.from(await wb.xlsx.writeBuffer()), true)
  expect(res.status).toBe(400)
  expect(res.error!.fields![0]).toMatchObject({ path: 'fileId', message: expect.stringContaining('会员名册') })
  const headerless = await importRoster(
    staff,
    await rosterXlsx([], '会员名册').then(async () => {
      const b = new ExcelJS.Workbook()
      b.addWorksheet('会员名册').addRow(['姓名', '电话'])
      return Buffer.from(await b.xlsx.writeBuffer())
    }),
    true,
  )
  expect(headerless.error!.message).toContain('表头缺少列：身份证号')
})
