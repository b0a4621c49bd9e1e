import type ExcelJS from 'exceljs'
import { cellText, isZip, zipUnpackedSize } from '../stations/csv'
import { loadXlsxWithin, unpackedTooLarge } from './unzip'

/**
 * Opening an uploaded .xlsx safely, shared by the imports that read one (组织架构, 会员名册): the same limits and
 * the same plain Chinese for an empty, old-format, broken or oversized file.
 */

export const MAX_FILE_BYTES = 2 * 1024 * 1024
/** A 2 MB .xlsx may not unpack into more than this (a "zip bomb" is refused before exceljs unpacks anything). */
const MAX_UNPACKED = 30 * 1024 * 1024
const BROKEN = '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式'
const TOO_BIG = '文件过大（最多 2MB），请分批导入'

export async function openXlsx(buf: Buffer): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; message: string }> {
  if (buf.length === 0) return { ok: false, message: '文件是空的' }
  if (buf.length > MAX_FILE_BYTES) return { ok: false, message: TOO_BIG }
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    return { ok: false, message: '不支持旧版 Excel（.xls）文件：请在 Excel 或 WPS 中「另存为」.xlsx 后再导入' }
  }
  if (!isZip(buf)) return { ok: false, message: '请选择 Excel（.xlsx）文件：可先下载模板，按模板填写' }
  const unpacked = zipUnpackedSize(buf)
  if (unpacked === null) return { ok: false, message: BROKEN }
  if (unpacked > MAX_UNPACKED) return { ok: false, message: TOO_BIG }
  // The real sizes, whatever the file declares, are enforced while inflating (_core/unzip.ts).
  const loaded = await loadXlsxWithin(buf, MAX_UNPACKED)
  if (!loaded.ok) return { ok: false, message: loaded.reason === 'too_large' ? unpackedTooLarge('这个 Excel 文件', MAX_UNPACKED) : BROKEN }
  return { ok: true, workbook: loaded.workbook }
}

/** One row of a sheet: its own row number (header = 1) and its cells as text. */
export interface SheetLine {
  line: number
  cells: string[]
}

/** A sheet's non-empty rows as text, header included; null once it has more than `maxRows` besides the header. */
export function sheetLines(ws: ExcelJS.Worksheet, maxRows: number): SheetLine[] | null {
  const lines: SheetLine[] = []
  let tooMany = false
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (tooMany) return
    const values = Array.isArray(row.values) ? row.values.slice(1) : []
    const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim())
    if (cells.every((c) => c === '')) return
    if (lines.length > maxRows) tooMany = true
    else lines.push({ line, cells })
  })
  return tooMany ? null : lines
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
