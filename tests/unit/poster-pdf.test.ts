import * as jpeg from 'jpeg-js'
import { A4_PT, jpegToPdf } from '../../src/pages/stations/poster/pdf'

/** A real JPEG: a red band over white with a black square, like a tiny poster (jpeg-js, quality 90). */
function makeJpeg(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const red = y < height / 6
      const black = x > width / 4 && x < (3 * width) / 4 && y > height / 3 && y < (2 * height) / 3
      data[i] = black ? 0 : red ? 200 : 255
      data[i + 1] = black ? 0 : red ? 16 : 255
      data[i + 2] = black ? 0 : red ? 46 : 255
      data[i + 3] = 255
    }
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data)
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')

/** Reads the cross-reference table the way a viewer does: from startxref at the end of the file. */
function xrefOffsets(text: string): number[] {
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1])
  expect(text.slice(start, start + 5)).toBe('xref\n')
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(start))!
  expect(Number(first)).toBe(0)
  const body = text
    .slice(start)
    .split('\n')
    .slice(2, 2 + Number(count))
  expect(body[0]).toBe('0000000000 65535 f ')
  return body.slice(1).map((line) => {
    expect(line).toMatch(/^\d{10} 00000 n $/)
    return Number(line.slice(0, 10))
  })
}

describe('jpegToPdf', () => {
  const img = makeJpeg(124, 175)
  const pdf = jpegToPdf(img, 124, 175)
  const text = latin1(pdf)

  test('is a PDF from its first bytes to %%EOF', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    expect(text.endsWith('%%EOF\n')).toBe(true)
    expect(text).toMatch(/trailer\n<< \/Size 6 \/Root 1 0 R >>/)
  })

  test('every xref offset points at its own object', () => {
    const offsets = xrefOffsets(text)
    expect(offsets).toHaveLength(5)
    offsets.forEach((at, i) => expect(text.slice(at, at + `${i + 1} 0 obj\n`.length)).toBe(`${i + 1} 0 obj\n`))
  })

  test('one A4 page', () => {
    expect(text).toContain('/Type /Pages /Kids [3 0 R] /Count 1')
    expect(text).toContain(`/MediaBox [0 0 ${A4_PT.width} ${A4_PT.height}]`)
    expect(A4_PT).toEqual({ width: 595, height: 842 })
  })

  test('embeds the JPEG bytes unchanged, with their length, as a DCT image of the right size', () => {
    const head = /4 0 obj\n<< ([^>]*) >>\nstream\n/.exec(text)!
    expect(head[1]).toContain('/Subtype /Image')
    expect(head[1]).toContain('/Filter /DCTDecode')
    expect(head[1]).toContain('/Width 124 /Height 175')
    expect(head[1]).toContain('/ColorSpace /DeviceRGB')
    const length = Number(/\/Length (\d+)/.exec(head[1])![1])
    expect(length).toBe(img.length)
    const start = head.index + head[0].length
    const embedded = pdf.slice(start, start + length)
    expect(Buffer.from(embedded).equals(Buffer.from(img))).toBe(true)
    expect(text.slice(start + length, start + length + 11)).toBe('\nendstream\n')
    // And it still decodes as the same picture size.
    const decoded = jpeg.decode(embedded)
    expect([decoded.width, decoded.height]).toEqual([124, 175])
  })

  test('the content stream draws the image inside the page, centred, with the declared length', () => {
    const m = /5 0 obj\n<< \/Length (\d+) >>\nstream\n([^\n]*)\nendstream/.exec(text)!
    expect(m[2].length).toBe(Number(m[1]))
    const [w, , , h, x, y] = /^q (.*) cm \/Im0 Do Q$/.exec(m[2])![1].split(' ').map(Number)
    expect(w).toBeLessThanOrEqual(595)
    expect(h).toBeLessThanOrEqual(842)
    expect(Math.max(w / 595, h / 842)).toBeCloseTo(1, 2)
    expect(w / h).toBeCloseTo(124 / 175, 2)
    expect(x).toBeCloseTo((595 - w) / 2, 1)
    expect(y).toBeCloseTo((842 - h) / 2, 1)
  })

  test('the real poster size (1240×1754, 150 dpi A4) fills the page', () => {
    const big = latin1(jpegToPdf(makeJpeg(1240, 1754), 1240, 1754))
    const [w, , , h] = /\nq (.*) cm \/Im0 Do Q\n/.exec(big)![1].split(' ').map(Number)
    // 1240:1754 is a hair narrower than 595:842, so the width fits exactly and under half a point is left top and bottom.
    expect(w).toBe(595)
    expect(h).toBeGreaterThan(841.5)
    expect(xrefOffsets(big)).toHaveLength(5)
  })

  test('refuses what is not a JPEG', () => {
    expect(() => jpegToPdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 10, 10)).toThrow('不是 JPEG')
    expect(() => jpegToPdf(img, 0, 175)).toThrow()
  })
})
