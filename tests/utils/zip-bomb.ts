import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * An .xlsx-shaped ZIP whose worksheet inflates to `inflatedMb` MB of spaces while every header declares 4 KB:
 * the attack of issue 19 (a 1.9 MB file that inflates to 1.9 GB). Built without ever holding the inflated
 * bytes: one megabyte deflated with a full flush is a byte-aligned run of non-final blocks, so repeating it
 * `inflatedMb` times and closing with an empty final block is a valid deflate stream of that length.
 */
export function xlsxBomb(inflatedMb: number): Buffer {
  const chunk = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_FULL_FLUSH })
  const end = deflateRawSync(Buffer.alloc(0))
  const bomb = Buffer.concat([...Array.from({ length: inflatedMb }, () => chunk), end])
  const types = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
  )
  return zip([
    { name: '[Content_Types].xml', data: deflateRawSync(types), crc: crc32(types), declared: types.length },
    { name: 'xl/worksheets/sheet1.xml', data: bomb, crc: 0, declared: 4096 },
  ])
}

function zip(entries: Array<{ name: string; data: Buffer; crc: number; declared: number }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt32LE(e.crc >>> 0, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.declared, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(e.crc >>> 0, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += 30 + name.length + e.data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}
