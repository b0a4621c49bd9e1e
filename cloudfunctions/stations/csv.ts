import { parse } from 'csv-parse/sync'
import { amenityFromText, type AmenityKey } from '../../src/contracts/stations/amenities'
import { stationFields, type StationFields } from '../../src/contracts/stations/schemas'
import { fieldErrors } from '../../src/contracts/zod'
import type { FieldError } from '../../src/contracts/result'

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

export const MAX_IMPORT_ROWS = 5000
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
const TOO_LARGE = 'CSV 文件过大（最多 2MB，约 1 万行），请分批导入'

export type CsvRow =
  | { row: number; name: string; ok: true; fields: ReturnType<typeof stationFields.parse> }
  | { row: number; name: string; ok: false; errors: FieldError[] }

export type CsvParse = { ok: true; rows: CsvRow[] } | { ok: false; message: string }

function toNumber(text: string): number | string {
  const t = text.trim()
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t
}

/** Parses and validates every row with the same schema as the edit form; nothing is written here. */
export function parseStationsCsv(csv: string): CsvParse {
  // Limits are checked before and during parsing, never after: a 2 MB body must not hold the process for long.
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) return { ok: false, message: TOO_LARGE }
  let records: string[][]
  try {
    // `to`: the parser stops after the header, MAX_IMPORT_ROWS rows and one more (which tells us there are too many).
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_IMPORT_ROWS + 2 })
  } catch (e) {
    return { ok: false, message: `CSV 格式错误：${(e as Error).message.slice(0, 80)}` }
  }
  if (records.length < 2) return { ok: false, message: 'CSV 至少需要表头和一行数据' }
  const header = records[0].map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()])
  const missing = REQUIRED.filter((f) => !header.includes(f))
  if (missing.length) return { ok: false, message: `表头缺少列：${missing.join('、')}（应为 name,address,lat,lng,hours,amenities,phone）` }
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` }

  const rows: CsvRow[] = []
  for (let i = 1; i < records.length; i++) {
    const raw: Record<string, string> = {}
    header.forEach((field, col) => {
      if (field) raw[field] = records[i][col] ?? ''
    })
    const row = i + 1 // the spreadsheet's own line number, header included
    const name = raw.name ?? ''
    const errors: FieldError[] = []
    const amenities: AmenityKey[] = []
    for (const part of (raw.amenities ?? '').split(/[|｜、;；,，/]/).map((s) => s.trim()).filter(Boolean)) {
      const key = amenityFromText(part)
      if (key) {
        if (!amenities.includes(key)) amenities.push(key)
      } else errors.push({ path: 'amenities', message: `未知的设施：${part}` })
    }
    const parsed = stationFields.safeParse({
      name,
      address: raw.address ?? '',
      lat: toNumber(raw.lat ?? ''),
      lng: toNumber(raw.lng ?? ''),
      hours: raw.hours ?? '',
      amenities,
      phone: raw.phone ?? '',
    })
    if (!parsed.success) errors.unshift(...fieldErrors(parsed.error))
    rows.push(errors.length || !parsed.success ? { row, name, ok: false, errors } : { row, name, ok: true, fields: parsed.data })
  }
  return { ok: true, rows }
}
