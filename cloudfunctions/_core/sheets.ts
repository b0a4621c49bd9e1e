/**
 * Reading a spreadsheet someone uploaded: the bytes as picked, decoded on the server (the mini-program cannot
 * decode GBK, and browsers guess wrong). Shared by every import: stations, quiz questions.
 */

export type TextEncodingName = 'utf-8' | 'gb18030'

/** .xlsx (and every OOXML file) is a ZIP: "PK\x03\x04". */
export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04
}

/**
 * A text file's encoding: a UTF-8 BOM, else UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK and
 * GB2312, what Excel and WPS write for 「CSV（逗号分隔）」 on Chinese Windows). GBK text is practically never valid UTF-8:
 * its lead bytes 0x81–0xFE followed by 0x40–0xFE rarely form UTF-8 sequences over a whole line.
 */
export function decodeText(buf: Buffer): { text: string; encoding: TextEncodingName } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' }
  } catch {
    // Loaded only for GBK files: most imports are UTF-8 and skip it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const iconv = require('iconv-lite') as typeof import('iconv-lite')
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' }
  }
}

/**
 * Sum of the unpacked sizes the ZIP's central directory declares, or null when it cannot be read. Checked before
 * exceljs unpacks anything, so a small file that unpacks into gigabytes (a "zip bomb") is refused cheaply.
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  // End of central directory: at least 22 bytes from the end, before a comment of up to 65,535 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue
    const entries = buf.readUInt16LE(i + 10)
    let p = buf.readUInt32LE(i + 16)
    let total = 0
    for (let e = 0; e < entries; e++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null
      total += buf.readUInt32LE(p + 24)
      p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
    }
    return total
  }
  return null
}
