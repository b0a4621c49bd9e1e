// Rasterises the hand-drawn line icons in src/assets/icons/src/*.svg to the PNGs the app ships
// (WeChat's tabBar takes only PNG/JPG files, and small PNGs keep the home grid the same on weapp and H5).
// Run by hand after editing an SVG: `node scripts/icons.mjs`; the PNGs are committed, CI does not run this.
// The sources draw with `currentColor` on a 24-unit grid (2-unit strokes, round caps); each output below
// picks its colour and pixel size. Rendered by the local Chromium through playwright-core (already a dev
// dependency for the e2e tests), so no image library is needed.
// Chromium's screenshots are 32-bit RGBA (1.7–3.5 KB each here). Every icon is one colour at varying
// opacity, so the script re-encodes each as an indexed PNG whose palette is that colour at the alpha levels
// the picture uses (PLTE + tRNS): the same pixels, a fraction of the bytes. The home tiles' PNGs sit in
// the main package, so bytes matter.
import { chromium } from 'playwright-core'
import { findChromium } from './chromium.mjs'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

const dir = resolve('src/assets/icons')
const GREY = '#5F6470' // tabBar.color in src/app.config.ts
const RED = '#C8102E' // the union red: tabBar.selectedColor and the home tiles
const WHITE = '#FFFFFF' // on the dark 工作台 card mark

const TAB = 81 // WeChat recommends 81×81 px for tab bar icons
const TILE = 96

/** [output name, source svg, colour, size in px] */
const outputs = [
  ['tab-home', 'home', GREY, TAB],
  ['tab-home-active', 'home', RED, TAB],
  ['tab-me', 'me', GREY, TAB],
  ['tab-me-active', 'me', RED, TAB],
  ['membership', 'membership', RED, TILE],
  ['childcare', 'childcare', RED, TILE],
  ['legalAid', 'legalAid', RED, TILE],
  ['stations', 'stations', RED, TILE],
  ['quiz', 'quiz', RED, TILE],
  ['workbench', 'workbench', WHITE, TILE],
]

const browser = await chromium.launch({
  executablePath: (await findChromium()).path,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const page = await browser.newPage({ viewport: { width: 200, height: 200 }, deviceScaleFactor: 1 })
  for (const [name, source, color, size] of outputs) {
    const svg = readFileSync(join(dir, 'src', `${source}.svg`), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `)
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent"><div style="width:${size}px;height:${size}px;color:${color};line-height:0">${svg}</div></body></html>`,
    )
    const shot = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    const alpha = await alphaOf(page, shot, size)
    const file = join(dir, `${name}.png`)
    writeFileSync(file, indexedPng(size, size, color, alpha))
    console.log(
      `${name}.png`.padEnd(22),
      `${size}×${size}`,
      `${(statSync(file).size / 1024).toFixed(2)} KB`,
      `(screenshot ${(shot.length / 1024).toFixed(2)} KB)`,
    )
  }
} finally {
  await browser.close()
}

/** The alpha channel of a screenshot, decoded by the same browser (a canvas reads PNGs; Node does not). */
async function alphaOf(page, png, size) {
  const values = await page.evaluate(
    async ({ b64, size }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = size
      const g = canvas.getContext('2d')
      g.drawImage(img, 0, 0)
      const rgba = g.getImageData(0, 0, size, size).data
      return Array.from({ length: size * size }, (_, i) => rgba[i * 4 + 3])
    },
    { b64: png.toString('base64'), size },
  )
  return Uint8Array.from(values)
}

/** An 8-bit indexed PNG: palette = `color` at each alpha level used (transparent first), pixels = indices. */
function indexedPng(width, height, color, alpha) {
  const levels = [...new Set([0, ...alpha])].sort((a, b) => a - b)
  const index = new Map(levels.map((a, i) => [a, i]))
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
  const rows = Buffer.alloc((width + 1) * height) // each row: filter type 0, then one index per pixel
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = index.get(alpha[y * width + x])
  const chunk = (type, data) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 3, 0, 0, 0], 8) // bit depth 8, colour type 3 (indexed), deflate, adaptive filters, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(levels.flatMap(() => [r, g, b]))),
    chunk('tRNS', Buffer.from(levels)),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
