/** What a file's first bytes say it is, as the extension it should carry; null when none of these. */
type SniffedType = 'jpg' | 'png' | 'webp' | 'pdf'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * A file's name and the client's word are both the uploader's to choose; the bytes are not. Anything stored and
 * later served with an image's content type is checked here first, so a renamed PDF or page never passes as one.
 */
export function sniff(b: Buffer): SniffedType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg'
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG)) return 'png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'pdf'
  return null
}
