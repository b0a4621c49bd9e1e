import { SHEET_NAMES, type SheetName } from '../../../src/contracts/orgs/schemas'
import { cellText, isZip, zipUnpackedSize } from '../../stations/csv'
import { loadXlsxWithin, unpackedTooLarge } from '../../_core/unzip'

/** One row of a sheet: its own row number (header = 1) and its cells as text. */
export interface SheetLine {
  line: number
  cells: string[]
}

export type Workbook = { ok: true; sheets: Map<SheetName, SheetLine[]> } | { ok: false; message: string }

export const MAX_FILE_BYTES = 2 * 1024 * 1024
/** A 2 MB .xlsx may not unpack into more than this (a "zip bomb" is refused before exceljs unpacks anything). */
const MAX_UNPACKED = 30 * 1024 * 1024

/** Rows per sheet: a county has a few hundred unions and 街道, and employers with their own union in the hundreds. */
export const MAX_ROWS: Record<SheetName, number> = { 街道乡镇: 200, 组织: 1000, 用人单位: 2000 }

/** Names people give the sheets (the template's first, then what else they are likely to call them). */
const SHEET_ALIASES: Record<SheetName, string[]> = {
  街道乡镇: ['街道乡镇', '街道/乡镇', '街道、乡镇', '街道', '乡镇'],
  组织: ['组织', '组织架构', '工会', '组织树'],
  用人单位: ['用人单位', '单位', '企业'],
}

const BROKEN = '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式'

/**
 * Reads the workbook's three sheets from the file's bytes. Takes a Buffer, whoever fetched it: today the bytes
 * travel base64 in the call, later they may come from cloud storage.
 */
export async function readWorkbook(buf: Buffer): Promise<Workbook> {
  if (buf.length === 0) return { ok: false, message: '文件是空的' }
  if (buf.length > MAX_FILE_BYTES) return { ok: false, message: '文件过大（最多 2MB），请分批导入' }
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    return { ok: false, message: '不支持旧版 Excel（.xls）文件：请在 Excel 或 WPS 中「另存为」.xlsx 后再导入' }
  }
  if (!isZip(buf)) return { ok: false, message: '请选择 Excel（.xlsx）文件：可先下载模板，按模板填写' }
  const unpacked = zipUnpackedSize(buf)
  if (unpacked === null) return { ok: false, message: BROKEN }
  if (unpacked > MAX_UNPACKED) return { ok: false, message: '文件过大（最多 2MB），请分批导入' }
  // The real sizes, whatever the file declares, are enforced while inflating (_core/unzip.ts).
  const loaded = await loadXlsxWithin(buf, MAX_UNPACKED)
  if (!loaded.ok) return { ok: false, message: loaded.reason === 'too_large' ? unpackedTooLarge('这个 Excel 文件', MAX_UNPACKED) : BROKEN }
  const wb = loaded.workbook
  const sheets = new Map<SheetName, SheetLine[]>()
  for (const name of SHEET_NAMES) {
    const ws = wb.worksheets.find((w) => SHEET_ALIASES[name].includes(w.name.trim()))
    if (!ws) continue
    const lines: SheetLine[] = []
    let tooMany = false
    ws.eachRow({ includeEmpty: false }, (row, line) => {
      if (tooMany) return
      const values = Array.isArray(row.values) ? row.values.slice(1) : []
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim())
      if (cells.every((c) => c === '')) return
      if (lines.length > MAX_ROWS[name]) tooMany = true
      else lines.push({ line, cells })
    })
    if (tooMany) return { ok: false, message: `工作表「${name}」超过 ${MAX_ROWS[name]} 行，请分批导入` }
    sheets.set(name, lines)
  }
  if (!sheets.size) {
    return { ok: false, message: `没有找到工作表「街道乡镇」「组织」「用人单位」：请按模板填写（可只保留要导入的工作表）` }
  }
  return { ok: true, sheets }
}

/** Column headers people write for each field of a sheet; the first is the template's. */
export type Columns<F extends string> = Record<F, { headers: string[]; required?: boolean }>

export interface SheetRecord<F extends string> {
  line: number
  values: Record<F, string>
}

/** The header row mapped onto fields; a missing required column is one message for the whole sheet. */
export function records<F extends string>(
  lines: SheetLine[],
  columns: Columns<F>,
): { ok: true; rows: SheetRecord<F>[] } | { ok: false; message: string } {
  const [header, ...body] = lines
  if (!header) return { ok: true, rows: [] }
  const fields = Object.keys(columns) as F[]
  const at = new Map<F, number>()
  header.cells.forEach((h, col) => {
    const f = fields.find((k) => columns[k].headers.includes(h.replace(/\s+/g, '')))
    if (f && !at.has(f)) at.set(f, col)
  })
  const missing = fields.filter((f) => columns[f].required && !at.has(f)).map((f) => columns[f].headers[0])
  if (missing.length)
    return { ok: false, message: `表头缺少列：${missing.join('、')}（第一行应为 ${fields.map((f) => columns[f].headers[0]).join('、')}）` }
  const rows = body.map((l) => {
    const values = {} as Record<F, string>
    for (const f of fields) values[f] = at.has(f) ? (l.cells[at.get(f) as number] ?? '').trim() : ''
    return { line: l.line, values }
  })
  return { ok: true, rows }
}

/** The template's example rows (「示例：…」) show how to fill a sheet; they are never imported. */
export function isExample(name: string): boolean {
  return /^\s*示例\s*[：:]/.test(name)
}
