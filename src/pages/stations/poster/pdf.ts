/**
 * A one-page A4 PDF around one JPEG, written by hand rather than with pdf-lib or jsPDF: the PDF viewer gets the
 * picture the phone already drew (its Chinese comes from the phone's fonts), so no font is embedded and the file
 * is a fixed six-object structure. pdf-lib's dist/pdf-lib.min.js is 525 KB (npm pack pdf-lib@1.17.1), about a
 * quarter of a 2 MB subpackage, for what is under 100 lines here. Plain string building: weapp on old iOS may lack
 * TextEncoder, and everything outside the JPEG is ASCII.
 */

/** A4 in PDF points (1/72 inch). */
export const A4_PT = { width: 595, height: 842 } as const

/** Colour space from the JPEG's own frame header (1, 3 or 4 components); canvases write 3 (YCbCr → RGB). */
function jpegColorSpace(jpeg: Uint8Array): string {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('海报图片不是 JPEG 格式')
  let i = 2
  while (i + 9 < jpeg.length) {
    if (jpeg[i] !== 0xff) {
      i++
      continue
    }
    const marker = jpeg[i + 1]
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the component count at offset 9.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const n = jpeg[i + 9]
      return n === 1 ? '/DeviceGray' : n === 4 ? '/DeviceCMYK' : '/DeviceRGB'
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2
      continue
    }
    i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3])
  }
  return '/DeviceRGB'
}

const ascii = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff
  return out
}

const num = (n: number) => String(Math.round(n * 100) / 100)

/** Wraps a JPEG of `widthPx`×`heightPx` into a one-page A4 PDF, the image scaled to fit the page and centred. */
export function jpegToPdf(jpeg: Uint8Array, widthPx: number, heightPx: number): Uint8Array {
  if (!(widthPx > 0 && heightPx > 0)) throw new Error('海报尺寸不对')
  const colorSpace = jpegColorSpace(jpeg)
  const { width: W, height: H } = A4_PT
  const scale = Math.min(W / widthPx, H / heightPx)
  const w = widthPx * scale
  const h = heightPx * scale
  const content = `q ${num(w)} 0 0 ${num(h)} ${num((W - w) / 2)} ${num((H - h) / 2)} cm /Im0 Do Q`

  // Parts in file order; `null` marks where the JPEG bytes go.
  const parts: (string | null)[] = []
  const offsets: number[] = []
  let length = 0
  const push = (s: string) => {
    parts.push(s)
    length += s.length
  }
  const obj = (n: number, body: string) => {
    offsets[n] = length
    push(`${n} 0 obj\n${body}\nendobj\n`)
  }

  // The second line's high bytes tell transfer tools the file is binary.
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
  obj(
    3,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im0 4 0 R >> /ProcSet [/PDF /ImageC] >> /Contents 5 0 R >>`,
  )
  offsets[4] = length
  push(
    `4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${widthPx} /Height ${heightPx} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
  )
  parts.push(null)
  length += jpeg.length
  push('\nendstream\nendobj\n')
  obj(5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`)

  const xref = length
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n or f, and the two-byte end " \n".
  const entries = ['0000000000 65535 f \n', ...[1, 2, 3, 4, 5].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`)]
  push(`xref\n0 6\n${entries.join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)

  const out = new Uint8Array(length)
  let at = 0
  for (const p of parts) {
    const bytes = p === null ? jpeg : ascii(p)
    out.set(bytes, at)
    at += bytes.length
  }
  return out
}
