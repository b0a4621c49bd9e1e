import { SHEET_NAMES, type SheetName } from '../../../src/contracts/orgs/schemas'
import { openXlsx, sheetLines, type SheetLine } from '../../_core/xlsx'

export { MAX_FILE_BYTES, isExample, records, type Columns, type SheetLine, type SheetRecord } from '../../_core/xlsx'

type Workbook = { ok: true; sheets: Map<SheetName, SheetLine[]> } | { ok: false; message: string }

/** Rows per sheet: a county has a few hundred unions and 街道, and employers with their own union in the hundreds. */
const MAX_ROWS: Record<SheetName, number> = { 街道乡镇: 200, 组织: 1000, 用人单位: 2000 }

/** Names people give the sheets (the template's first, then what else they are likely to call them). */
const SHEET_ALIASES: Record<SheetName, string[]> = {
  街道乡镇: ['街道乡镇', '街道/乡镇', '街道、乡镇', '街道', '乡镇'],
  组织: ['组织', '组织架构', '工会', '组织树'],
  用人单位: ['用人单位', '单位', '企业'],
}

/**
 * Reads the workbook's three sheets from the file's bytes. Takes a Buffer, whoever fetched it: today the bytes
 * travel base64 in the call, later they may come from cloud storage.
 */
export async function readWorkbook(buf: Buffer): Promise<Workbook> {
  const opened = await openXlsx(buf)
  if (!opened.ok) return opened
  const sheets = new Map<SheetName, SheetLine[]>()
  for (const name of SHEET_NAMES) {
    const ws = opened.workbook.worksheets.find((w) => SHEET_ALIASES[name].includes(w.name.trim()))
    if (!ws) continue
    const lines = sheetLines(ws, MAX_ROWS[name])
    if (!lines) return { ok: false, message: `工作表「${name}」超过 ${MAX_ROWS[name]} 行，请分批导入` }
    sheets.set(name, lines)
  }
  if (!sheets.size) {
    return { ok: false, message: `没有找到工作表「街道乡镇」「组织」「用人单位」：请按模板填写（可只保留要导入的工作表）` }
  }
  return { ok: true, sheets }
}
