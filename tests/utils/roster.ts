import ExcelJS from 'exceljs'

export const ROSTER_HEADER = ['姓名', '身份证号', '手机号', '工作单位', '入会日期', '会员编号', '所属工会']

/** A 会员名册 workbook as a union would fill the template in: text cells, one sheet, header first. */
export async function rosterXlsx(rows: unknown[][], sheet = '会员名册'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  ws.addRow(ROSTER_HEADER)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
