import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { decodeText, isExampleRow, parseImportFile, zipUnpackedSize } from '../../cloudfunctions/stations/csv'
import { importTemplateWorkbook, TEMPLATE_EXAMPLE_NAME } from '../../cloudfunctions/stations/template'

const CSV = [
  '名称,地址,纬度,经度,开放时间,设施,电话',
  '城东驿站,乐陵市振兴路 18 号,37.7312,117.2208,08:00-20:00,饮水|充电,0534-6212345',
  '西关驿站,乐陵市西关街 3 号,37.72,117.20,24小时,卫生间,',
].join('\r\n')

/** A minimal ZIP: one local header, one central-directory entry declaring `unpacked` bytes, the end record. */
function zipDeclaring(unpacked: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt32LE(unpacked, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt32LE(unpacked, 24)
  central.writeUInt16LE(name.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(46 + name.length, 12)
  end.writeUInt32LE(30 + name.length, 16)
  return Buffer.concat([local, name, central, name, end])
}

/** the uploaded bytes as the server reads them back from storage */
const bytes = (buf: Buffer | Uint8Array) => (Buffer.isBuffer(buf) ? buf : Buffer.from(buf))

async function names(buf: Buffer, file = 'stations.csv') {
  const r = await parseImportFile(file, buf)
  if (!r.ok) throw new Error(r.message)
  return { names: r.rows.map((row) => row.name), ok: r.rows.every((row) => row.ok), format: r.format, skipped: r.skipped }
}

describe('import files are decoded on the server', () => {
  test('UTF-8 without a BOM', async () => {
    expect(decodeText(Buffer.from(CSV, 'utf8')).encoding).toBe('utf-8')
    expect(await names(bytes(Buffer.from(CSV, 'utf8')))).toEqual({ names: ['城东驿站', '西关驿站'], ok: true, format: 'utf-8', skipped: 0 })
  })

  test('UTF-8 with a BOM (Excel「CSV UTF-8」): the BOM does not end up in the first header', async () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')])
    expect(decodeText(buf).text.startsWith('名称')).toBe(true)
    expect(await names(bytes(buf))).toMatchObject({ names: ['城东驿站', '西关驿站'], ok: true, format: 'utf-8' })
  })

  test('GBK bytes (Excel/WPS「CSV（逗号分隔）」on Chinese Windows) are read as GB18030, without mojibake', async () => {
    const gbk = iconv.encode(CSV, 'gbk')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow()
    const decoded = decodeText(gbk)
    expect(decoded).toEqual({ text: CSV, encoding: 'gb18030' })
    const r = await parseImportFile('驿站.csv', bytes(gbk))
    expect(r.ok && r.rows[0].ok && r.rows[0].fields).toMatchObject({
      name: '城东驿站',
      address: '乐陵市振兴路 18 号',
      amenities: ['water', 'charge'],
    })
  })

  test('GB18030-only characters (a rare name character) survive too', async () => {
    const text = CSV.replace('城东驿站', '㐀城东驿站')
    expect(decodeText(iconv.encode(text, 'gb18030')).text).toBe(text)
  })

  test('.xlsx made with exceljs: the first sheet is read, numbers and text alike', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('驿站')
    ws.addRow(['名称', '地址', '纬度', '经度', '开放时间', '设施', '电话'])
    ws.addRow(['城东驿站', '乐陵市振兴路 18 号', 37.7312, 117.2208, '08:00-20:00', '饮水|充电', '0534-6212345'])
    ws.addRow([])
    ws.addRow([{ richText: [{ text: '西关' }, { text: '驿站' }] }, '乐陵市西关街 3 号', 37.72, 117.2, '24小时', '卫生间', null])
    wb.addWorksheet('别的表').addRow(['不读', '这张表'])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const r = await parseImportFile('驿站.xlsx', bytes(buf))
    if (!r.ok) throw new Error(r.message)
    expect(r.format).toBe('xlsx')
    expect(r.rows.map((row) => [row.row, row.name, row.ok])).toEqual([
      [2, '城东驿站', true],
      [4, '西关驿站', true],
    ])
    expect(r.rows[0].ok && r.rows[0].fields).toMatchObject({ lat: 37.7312, lng: 117.2208, phone: '0534-6212345' })
  })

  test('the template made on the server imports as nothing but its skipped example row', async () => {
    const buf = await importTemplateWorkbook()
    expect(isExampleRow(TEMPLATE_EXAMPLE_NAME)).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['名称', '地址', '纬度', '经度', '开放时间', '设施', '电话'])
    const r = await parseImportFile('驿站导入模板.xlsx', bytes(buf))
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('只有示例行') })
    // Filled in below the example: the example is skipped, the real row kept.
    wb.worksheets[0].addRow(['真驿站', '乐陵市振兴路 20 号', 37.73, 117.22, '24小时', '饮水', ''])
    const filled = await parseImportFile('驿站导入模板.xlsx', bytes(Buffer.from(await wb.xlsx.writeBuffer())))
    expect(filled.ok && { skipped: filled.skipped, names: filled.rows.map((x) => x.name) }).toEqual({ skipped: 1, names: ['真驿站'] })
  })

  test('limits: more than 2 MB of bytes, a zip that unpacks too large, old .xls and broken xlsx are refused with reasons', async () => {
    expect(await parseImportFile('a.csv', bytes(Buffer.alloc(2 * 1024 * 1024 + 1, 0x41)))).toEqual({
      ok: false,
      message: expect.stringContaining('最多 2MB'),
    })
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    expect(await parseImportFile('a.xls', bytes(xls))).toEqual({ ok: false, message: expect.stringContaining('.xls') })
    expect(await parseImportFile('a.xlsx', bytes(Buffer.from('PK\u0003\u0004garbage')))).toEqual({
      ok: false,
      message: expect.stringContaining('无法读取 Excel'),
    })
    // A zip bomb: a few bytes whose central directory declares 100 MB unpacked; refused before exceljs unpacks it.
    const bomb = zipDeclaring(100 * 1024 * 1024)
    expect(zipUnpackedSize(bomb)).toBe(100 * 1024 * 1024)
    expect(await parseImportFile('bomb.xlsx', bytes(bomb))).toEqual({ ok: false, message: expect.stringContaining('最多 2MB') })
  })
})
