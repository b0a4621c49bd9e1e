import { sniff } from '../../cloudfunctions/_core/sniff'

const bytes = (...parts: Array<number[] | string>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))

test('each accepted type is told by its first bytes', () => {
  expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'))).toBe('jpg')
  expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'))).toBe('png')
  expect(sniff(bytes('RIFF', [0x10, 0, 0, 0], 'WEBPVP8 '))).toBe('webp')
  expect(sniff(bytes('%PDF-1.7\n'))).toBe('pdf')
})

test('names, near misses and truncated headers are not trusted', () => {
  expect(sniff(bytes('<html><img src=x>'))).toBeNull()
  expect(sniff(bytes('GIF89a'))).toBeNull()
  expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull()
  expect(sniff(bytes([0xff, 0xd8]))).toBeNull()
  expect(sniff(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull()
  expect(sniff(Buffer.alloc(0))).toBeNull()
})
