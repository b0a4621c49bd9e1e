import { inflateRawSync } from 'node:zlib'

/**
 * Unpacking an uploaded ZIP (every .xlsx is one) without trusting what it says about itself. The sizes a ZIP
 * declares are written by whoever made it: a 1.9 MB file can declare 4 KB and inflate to 1.9 GB. So each entry
 * is inflated here, before any parser sees it, with zlib's own output cap set to what is left of one running
 * budget for the whole file; the first byte past the budget stops zlib and the file is refused. Memory stays
 * near the budget whatever the file claims, and a bomb costs the time to inflate the budget, not the bomb.
 */

type Unzipped = { ok: true; entries: Map<string, Buffer>; bytes: number } | { ok: false; reason: 'too_large' | 'broken' }

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** An .xlsx holds a few dozen parts; thousands of tiny entries are another way to exhaust a parser. */
const MAX_ENTRIES = 2000

function endOfCentralDirectory(buf: Buffer): number {
  // At least 22 bytes from the end, before a comment of up to 65,535 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) if (buf.readUInt32LE(i) === EOCD) return i
  return -1
}

/** Every entry inflated, within `maxBytes` in total; directories skipped. Reads the central directory, as parsers do. */
export function unzipWithin(buf: Buffer, maxBytes: number): Unzipped {
  const broken = { ok: false, reason: 'broken' } as const
  const eocd = endOfCentralDirectory(buf)
  if (eocd < 0) return broken
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  // ZIP64 markers: no spreadsheet under a few MB needs them.
  if (count === 0xffff || p === 0xffffffff || count > MAX_ENTRIES) return broken
  const entries = new Map<string, Buffer>()
  let used = 0
  for (let e = 0; e < count; e++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return broken
    const flags = buf.readUInt16LE(p + 8)
    const method = buf.readUInt16LE(p + 10)
    const compressed = buf.readUInt32LE(p + 20)
    const nameLength = buf.readUInt16LE(p + 28)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8')
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
    if (flags & 0x1) return broken // encrypted
    if (entries.has(name)) return broken // two parts of one name: parsers disagree on which counts
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return broken
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    if (start + compressed > buf.length) return broken
    const data = buf.subarray(start, start + compressed)
    const left = maxBytes - used
    let out: Buffer
    if (method === 0) {
      if (data.length > left) return { ok: false, reason: 'too_large' }
      out = data
    } else if (method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, left) })
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'too_large' }
        return broken
      }
      if (out.length > left) return { ok: false, reason: 'too_large' }
    } else return broken
    used += out.length
    if (!name.endsWith('/')) entries.set(name, out)
  }
  return { ok: true, entries, bytes: used }
}

/**
 * The file as a spreadsheet parser should see it: its entries, already inflated within the budget, packed again
 * without compression, so the parser (exceljs, through JSZip) has nothing left to inflate.
 */
async function repackStored(entries: Map<string, Buffer>): Promise<Buffer> {
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  for (const [name, bytes] of entries) zip.file(name, bytes, { compression: 'STORE' })
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' })
}

type LoadedWorkbook = { ok: true; workbook: import('exceljs').Workbook } | { ok: false; reason: 'too_large' | 'broken' }

/** An .xlsx read with exceljs after `unzipWithin`: a bomb is refused at `maxUnpacked` bytes, never inflated past it. */
export async function loadXlsxWithin(buf: Buffer, maxUnpacked: number): Promise<LoadedWorkbook> {
  const unzipped = unzipWithin(buf, maxUnpacked)
  if (!unzipped.ok) return unzipped
  const stored = await repackStored(unzipped.entries)
  unzipped.entries.clear()
  // Loaded on import only, as the exports do: exceljs is most of a function's code.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(stored as unknown as ArrayBuffer)
  } catch {
    return { ok: false, reason: 'broken' }
  }
  return { ok: true, workbook }
}

/** What a worker reads when a file unpacks past the limit. */
export function unpackedTooLarge(label: string, maxUnpacked: number): string {
  return `${label}解压后超过 ${Math.round(maxUnpacked / 1024 / 1024)} MB，已停止读取：文件可能已损坏，或是特意做成的超大压缩包。请在 Excel 或 WPS 中打开、另存为 .xlsx 后再导入`
}
