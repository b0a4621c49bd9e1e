// Rasterises the hand-drawn line icons in src/assets/icons/src/*.svg to the PNGs the app ships
// (WeChat's tabBar takes only PNG/JPG files, and small PNGs keep the home grid the same on weapp and H5).
// Run by hand after editing an SVG: `node scripts/icons.mjs`; the PNGs are committed, CI does not run this.
// The sources draw with `currentColor` on a 24-unit grid (2-unit strokes, round caps); each output below
// picks its colour and pixel size. Rendered by the local Chromium through playwright-core (already a dev
// dependency for the e2e tests), so no image library is needed.
import { chromium } from 'playwright-core'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

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
  executablePath: '/usr/bin/chromium',
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
    const file = join(dir, `${name}.png`)
    writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
    console.log(`${name}.png`.padEnd(22), `${size}×${size}`, `${(statSync(file).size / 1024).toFixed(1)} KB`)
  }
} finally {
  await browser.close()
}
