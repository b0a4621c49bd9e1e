import { parse } from 'csv-parse/sync'
import { amenityFromText, type AmenityKey } from '../../src/contracts/stations/amenities'
import { stationFields, type StationFields } from '../../src/contracts/stations/schemas'
import { fieldErrors } from '../../src/contracts/zod'
import type { FieldError } from '../../src/contracts/result'
import { decodeText, isZip, zipUnpackedSize, type TextEncodingName } from '../_core/sheets'
import { loadXlsxWithin, unpackedTooLarge } from '../_core/unzip'
import { looksSwapped } from '../../src/contracts/stations/coords'
import {
  coordSystemFromText,
  importCoordsText,
  toGcj02,
  type CoordBasis,
  type CoordSystem,
  type ImportCoords,
} from '../../src/contracts/stations/coordsystems'

/** Staff export spreadsheets with English or Chinese headers; both are accepted. */
const HEADERS: Record<string, keyof StationFields> = {
  name: 'name',
  名称: 'name',
  驿站名称: 'name',
  address: 'address',
  地址: 'address',
  lat: 'lat',
  纬度: 'lat',
  lng: 'lng',
  经度: 'lng',
  hours: 'hours',
  开放时间: 'hours',
  营业时间: 'hours',
  amenities: 'amenities',
  设施: 'amenities',
  phone: 'phone',
  电话: 'phone',
  联系电话: 'phone',
}
const REQUIRED: (keyof StationFields)[] = ['name', 'address', 'lat', 'lng', 'hours']

const MAX_IMPORT_ROWS = 5000
const MAX_IMPORT_BYTES = 2 * 1024 * 1024
const TOO_LARGE = 'CSV 文件过大（最多 2MB，约 1 万行），请分批导入'

const FILE_TOO_LARGE = '文件过大（最多 2MB，约 1 万行），请分批导入'
/** A 2 MB .xlsx may not unpack into more than this: real sheets of 5,000 rows are 1–3 MB of XML. */
const MAX_XLSX_UNPACKED = 30 * 1024 * 1024

type CsvRow =
  | { row: number; name: string; ok: true; fields: ReturnType<typeof stationFields.parse> }
  | { row: number; name: string; ok: false; errors: FieldError[] }

export type CsvParse = { ok: true; rows: CsvRow[]; skipped: number; coords: ImportCoords } | { ok: false; message: string }

/** What staff chose on the import page for a sheet that does not say where its coordinates came from. */
type CoordChoice = CoordSystem | 'auto'

type Column = { field: keyof StationFields | 'coordSystem'; system?: CoordSystem }

/**
 * A header cell → the field it holds. Coordinates may say their map in the header (our own 地图标注表 has
 * 「纬度（GCJ-02，高德/腾讯）」 and 「纬度（BD-09，百度）」); a 坐标系 column says it per row.
 */
function headerColumn(cell: string): Column | undefined {
  const h = String(cell).trim()
  const plain = HEADERS[h.toLowerCase()] ?? HEADERS[h]
  if (plain) return { field: plain }
  if (/^(坐标系|坐标类型|坐标来源|coordsys|coordinate ?system)$/i.test(h)) return { field: 'coordSystem' }
  const lat = /^(纬度|lat|latitude)/i.test(h)
  const lng = /^(经度|lng|lon|longitude)/i.test(h)
  if (!lat && !lng) return undefined
  return { field: lat ? 'lat' : 'lng', system: coordSystemFromText(h.replace(/^(纬度|经度|latitude|longitude|lat|lng|lon)/i, '')) }
}

/** Which column holds a coordinate: one that says GCJ-02 wins (no conversion), else the first. */
function pickColumn(columns: (Column | undefined)[], field: 'lat' | 'lng'): number {
  const idx = columns.flatMap((c, i) => (c?.field === field ? [i] : []))
  return idx.find((i) => columns[i]?.system === 'gcj02') ?? idx[0] ?? -1
}

/** One line of the sheet: its own line number (header included) and its cells as text. */
interface SheetLine {
  line: number
  cells: string[]
}

function toNumber(text: string): number | string {
  const t = text.trim()
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t
}

/** The template's example row (「示例：…」) shows how to fill the sheet; it is never imported. */
export function isExampleRow(name: string): boolean {
  return /^\s*示例\s*[：:]/.test(name)
}

/** Parses and validates every row with the same schema as the edit form; nothing is written here. */
export function parseStationsCsv(csv: string, choice: CoordChoice = 'auto'): CsvParse {
  // Limits are checked before and during parsing, never after: a 2 MB body must not hold the process for long.
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) return { ok: false, message: TOO_LARGE }
  return parseCsvText(csv, choice)
}

function parseCsvText(csv: string, choice: CoordChoice): CsvParse {
  let records: string[][]
  try {
    // `to`: the parser stops after the header, MAX_IMPORT_ROWS rows and one more (which tells us there are too many).
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_IMPORT_ROWS + 2 })
  } catch (e) {
    return { ok: false, message: `CSV 格式错误：${(e as Error).message.slice(0, 80)}` }
  }
  return validateLines(
    records.map((cells, i) => ({ line: i + 1, cells })),
    choice,
  )
}

function validateLines(records: SheetLine[], choice: CoordChoice): CsvParse {
  if (records.length < 2) return { ok: false, message: '表格至少需要表头和一行数据' }
  const columns = records[0].cells.map(headerColumn)
  const latCol = pickColumn(columns, 'lat')
  const lngCol = pickColumn(columns, 'lng')
  const header = columns.map((c, i) => {
    if (c?.field === 'lat') return i === latCol ? 'lat' : undefined
    if (c?.field === 'lng') return i === lngCol ? 'lng' : undefined
    return c?.field
  })
  const headerSystem = columns[latCol]?.system ?? columns[lngCol]?.system
  const sheetSystem: CoordSystem = headerSystem ?? (choice === 'auto' ? 'gcj02' : choice)
  const sheetBasis: CoordBasis = headerSystem ? 'header' : choice === 'auto' ? 'assumed' : 'chosen'
  const perRow: Partial<Record<CoordSystem, number>> = {}
  let rowSaid = false
  const missing = REQUIRED.filter((f) => !header.includes(f))
  if (missing.length) {
    return {
      ok: false,
      message: `表头缺少列：${missing.join('、')}（应为 名称,地址,纬度,经度,开放时间,设施,电话 或 name,address,lat,lng,hours,amenities,phone）`,
    }
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` }

  const rows: CsvRow[] = []
  let skipped = 0
  for (let i = 1; i < records.length; i++) {
    const raw: Partial<Record<keyof StationFields | 'coordSystem', string>> = {}
    header.forEach((field, col) => {
      if (field) raw[field] = (records[i].cells[col] ?? '').trim()
    })
    const row = records[i].line // the spreadsheet's own line number, header included
    const name = raw.name ?? ''
    if (isExampleRow(name)) {
      skipped++
      continue
    }
    const errors: FieldError[] = []
    const amenities: AmenityKey[] = []
    for (const part of (raw.amenities ?? '')
      .split(/[|｜、;；,，/]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const key = amenityFromText(part)
      if (key) {
        if (!amenities.includes(key)) amenities.push(key)
      } else errors.push({ path: 'amenities', message: `未知的设施：${part}` })
    }
    // The row's own 坐标系 cell, else the sheet's; converted to GCJ-02 before the same checks as the form.
    let system = sheetSystem
    const said = (raw.coordSystem ?? '').trim()
    if (said) {
      const s = coordSystemFromText(said)
      if (s) {
        system = s
        rowSaid = true
      } else errors.push({ path: 'coordSystem', message: `无法识别的坐标系：${said}（可填 高德、腾讯、百度 或 GPS）` })
    }
    perRow[system] = (perRow[system] ?? 0) + 1
    let lat = toNumber(raw.lat ?? '')
    let lng = toNumber(raw.lng ?? '')
    if (system !== 'gcj02' && typeof lat === 'number' && typeof lng === 'number' && !looksSwapped(lat, lng)) {
      ;({ lat, lng } = toGcj02(system, lat, lng))
    }
    const parsed = stationFields.safeParse({
      name,
      address: raw.address ?? '',
      lat,
      lng,
      hours: raw.hours ?? '',
      amenities,
      phone: raw.phone ?? '',
    })
    if (!parsed.success) errors.unshift(...fieldErrors(parsed.error))
    rows.push(errors.length || !parsed.success ? { row, name, ok: false, errors } : { row, name, ok: true, fields: parsed.data })
  }
  if (!rows.length && skipped) return { ok: false, message: '表格里只有示例行：请在示例行下面填写要导入的驿站' }
  const info: Omit<ImportCoords, 'text'> = rowSaid
    ? {
        system: (Object.entries(perRow) as [CoordSystem, number][]).sort((a, b) => b[1] - a[1])[0][0],
        basis: 'column',
        rows: perRow,
      }
    : { system: sheetSystem, basis: sheetBasis }
  return { ok: true, rows, skipped, coords: { ...info, text: importCoordsText(info) } }
}

// ---------------------------------------------------------------------------------------------------------------
// Files: the uploaded bytes, decoded by the shared sheet reader (GBK, UTF-8 or .xlsx).

export { decodeText, isZip, zipUnpackedSize, type TextEncodingName }

/** A cell as the person typed it: numbers in full, rich text joined, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result)
    if ('text' in v) return cellText(v.text)
    if (v.error) return ''
  }
  return String(value)
}

async function xlsxLines(buf: Buffer): Promise<{ ok: true; lines: SheetLine[] } | { ok: false; message: string }> {
  // Declared sizes answer an honest file quickly; the real sizes are enforced while inflating (_core/unzip.ts).
  const unpacked = zipUnpackedSize(buf)
  if (unpacked === null) return { ok: false, message: '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式' }
  if (unpacked > MAX_XLSX_UNPACKED) return { ok: false, message: FILE_TOO_LARGE }
  const loaded = await loadXlsxWithin(buf, MAX_XLSX_UNPACKED)
  if (!loaded.ok) {
    return {
      ok: false,
      message:
        loaded.reason === 'too_large' ? unpackedTooLarge('这个 Excel 文件', MAX_XLSX_UNPACKED) : '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式',
    }
  }
  const wb = loaded.workbook
  const ws = wb.worksheets[0]
  if (!ws) return { ok: false, message: 'Excel 文件里没有工作表' }
  const lines: SheetLine[] = []
  let chars = 0
  let tooLarge = false
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (tooLarge || lines.length > MAX_IMPORT_ROWS + 1) return
    const values = Array.isArray(row.values) ? row.values.slice(1) : []
    const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim())
    if (cells.every((c) => c === '')) return
    chars += cells.reduce((n, c) => n + c.length + 1, 0)
    if (chars > MAX_IMPORT_BYTES) tooLarge = true
    lines.push({ line, cells })
  })
  if (tooLarge) return { ok: false, message: FILE_TOO_LARGE }
  return { ok: true, lines }
}

/** An uploaded file, .xlsx or CSV in UTF-8 (with or without BOM) or GBK/GB18030, parsed and validated like a paste. */
export async function parseImportFile(
  name: string,
  buf: Buffer,
  choice: CoordChoice = 'auto',
): Promise<CsvParse & { format?: 'xlsx' | TextEncodingName }> {
  if (buf.length > MAX_IMPORT_BYTES) return { ok: false, message: FILE_TOO_LARGE }
  if (buf.length === 0) return { ok: false, message: '文件是空的' }
  if (isZip(buf)) {
    const read = await xlsxLines(buf)
    if (!read.ok) return read
    return { ...validateLines(read.lines, choice), format: 'xlsx' }
  }
  // Excel 97-2003 (.xls) is an OLE compound file: say what to do instead of importing binary noise.
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    return { ok: false, message: '不支持旧版 Excel（.xls）文件：请在 Excel 或 WPS 中「另存为」.xlsx 或 CSV 后再导入' }
  }
  if (/\.xlsx?$/i.test(name)) return { ok: false, message: '无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式' }
  const { text, encoding } = decodeText(buf)
  // The decoded text, not only the bytes, is held to the limit.
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, message: FILE_TOO_LARGE }
  if (text.includes('\u0000')) return { ok: false, message: '文件不是文本格式的 CSV：请上传 .xlsx 或 .csv 文件' }
  return { ...parseCsvText(text.replace(/\r\n?/g, '\n'), choice), format: encoding }
}
