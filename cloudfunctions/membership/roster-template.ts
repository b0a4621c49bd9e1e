import { ROSTER_COLUMNS, ROSTER_SHEET } from './roster-sheet'

export const ROSTER_TEMPLATE_FILENAME = '会员名册导入模板.xlsx'

const NOTES = [
  '填写说明',
  '1. 每行一位会员。第一行表头不要改动；姓名以「示例：」开头的行不会导入。',
  '2. 姓名、身份证号、手机号、工作单位、入会日期必填。身份证号和手机号列已设为文本，请不要改成数字格式（否则末几位会丢失）。',
  '3. 入会日期写成 2019-05-01。会员编号可不填，导入时自动编号；已有会员证的，填写原会员编号。',
  '4. 所属工会写组织架构中的名称，须是您管理的工会或下级工会；不填即您所在的工会。',
  '5. 导入前先预览每一行的结果，确认后才写入。同一张表重复导入不会重复添加：按身份证号找到已导入的会员，只更新有变化的内容。',
  '6. 导入后这些职工就是会员，无需再申请入会：在小程序「入会 → 会员认证」中用姓名、身份证号和本表中的手机号领取电子会员卡。',
  '7. 表中含身份证号和手机号，请妥善保管；导入后身份证号和手机号加密保存。',
]

/** The workbook staff fill in: one sheet, Chinese headers, text-formatted number columns, an example row, then notes. */
export async function rosterTemplateWorkbook(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  const headers = Object.values(ROSTER_COLUMNS).map((c) => c.headers[0])
  const widths = [12, 22, 16, 36, 14, 20, 32]
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }))
  ws.getRow(1).font = { bold: true }
  // Text cells: Excel would otherwise turn an 18-digit ID into 3.71481E+17 and drop a leading 0.
  for (const h of ['身份证号', '手机号', '会员编号']) ws.getColumn(headers.indexOf(h) + 1).numFmt = '@'
  const example = ws.addRow(['示例：张三', '371481199003071234', '13800000000', '乐陵市某某有限公司', '2019-05-01', '', ''])
  example.font = { italic: true, color: { argb: 'FF888888' } }
  const notes = wb.addWorksheet('填写说明')
  notes.getColumn(1).width = 110
  for (const line of NOTES) notes.addRow([line])
  notes.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
