// Draws the two demo station photos in cloudfunctions/_local/seed/photos/ (an entrance and the room inside), so
// that `npm start` shows a station with photos without shipping anyone's real picture. Flat shapes compress well:
// each JPEG stays well under 30 KB. Run by hand after editing a scene: `node scripts/seed-photos.mjs`.
import { chromium } from 'playwright-core'
import { findChromium } from './chromium.mjs'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const dir = resolve('cloudfunctions/_local/seed/photos')
const W = 800
const H = 600

const box = (x, y, w, h, style) => `<div style="position:absolute;left:${x}px;top:${y}px;width:${w}px;height:${h}px;${style}"></div>`
const text = (x, y, size, color, t, extra = '') =>
  `<div style="position:absolute;left:${x}px;top:${y}px;font:700 ${size}px 'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;color:${color};${extra}">${t}</div>`

const scenes = {
  // The front: a red union sign over a glass door, a bench and a potted plant by the wall.
  'entrance.jpg': [
    box(0, 0, W, 360, 'background:linear-gradient(#9fd3f0,#d9eef8)'),
    box(0, 360, W, 240, 'background:#b9b4aa'),
    box(90, 90, 620, 300, 'background:#f3efe6;border-radius:6px'),
    box(90, 90, 620, 74, 'background:#c8102e'),
    text(150, 104, 44, '#fff', '农行 · 爱心驿站', 'letter-spacing:6px'),
    box(300, 190, 200, 200, 'background:#6f8fa3;border:8px solid #4b5560'),
    box(396, 190, 8, 200, 'background:#4b5560'),
    box(130, 200, 130, 110, 'background:#8fb3c7;border:6px solid #4b5560'),
    box(540, 200, 130, 110, 'background:#8fb3c7;border:6px solid #4b5560'),
    box(540, 330, 150, 18, 'background:#8a5a33'),
    box(552, 348, 10, 40, 'background:#5b3b21'),
    box(668, 348, 10, 40, 'background:#5b3b21'),
    box(150, 330, 60, 60, 'background:#3d8b4f;border-radius:50% 50% 8px 8px'),
    box(160, 372, 40, 20, 'background:#7b4b2a'),
    box(0, 470, W, 14, 'background:#a29d93'),
  ],
  // Inside: a water dispenser, a microwave on a counter, chairs and a charging strip on the wall.
  'inside.jpg': [
    box(0, 0, W, 420, 'background:#f6f1e7'),
    box(0, 420, W, 180, 'background:#d7c7a8'),
    box(60, 160, 110, 260, 'background:#e9edf0;border-radius:10px;border:4px solid #aab4bc'),
    box(80, 100, 70, 70, 'background:#5aa9e6;border-radius:24px 24px 6px 6px'),
    box(80, 250, 18, 18, 'background:#c8102e;border-radius:50%'),
    box(122, 250, 18, 18, 'background:#3a7bd5;border-radius:50%'),
    box(240, 250, 300, 20, 'background:#8a5a33'),
    box(250, 270, 280, 150, 'background:#a8744a'),
    box(300, 180, 150, 70, 'background:#3b3f45;border-radius:6px'),
    box(312, 192, 96, 46, 'background:#1f2329'),
    box(580, 330, 80, 16, 'background:#c8102e;border-radius:4px'),
    box(586, 346, 10, 74, 'background:#7d0a1d'),
    box(646, 346, 10, 74, 'background:#7d0a1d'),
    box(580, 260, 12, 80, 'background:#c8102e;border-radius:4px'),
    box(680, 330, 80, 16, 'background:#c8102e;border-radius:4px'),
    box(686, 346, 10, 74, 'background:#7d0a1d'),
    box(746, 346, 10, 74, 'background:#7d0a1d'),
    box(680, 260, 12, 80, 'background:#c8102e;border-radius:4px'),
    box(600, 170, 160, 30, 'background:#fff;border:3px solid #aab4bc;border-radius:6px'),
    text(250, 40, 40, '#c8102e', '饮水 · 热饭 · 充电 · 歇脚'),
  ],
}

mkdirSync(dir, { recursive: true })
const browser = await chromium.launch({
  executablePath: (await findChromium()).path,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
try {
  const page = await browser.newPage({ viewport: { width: W, height: H }, deviceScaleFactor: 1 })
  for (const [name, parts] of Object.entries(scenes)) {
    await page.setContent(
      `<!doctype html><html><body style="margin:0;position:relative;width:${W}px;height:${H}px;overflow:hidden">${parts.join('')}</body></html>`,
    )
    const file = join(dir, name)
    writeFileSync(file, await page.screenshot({ type: 'jpeg', quality: 72, clip: { x: 0, y: 0, width: W, height: H } }))
    console.log(name.padEnd(14), `${(statSync(file).size / 1024).toFixed(1)} KB`)
  }
} finally {
  await browser.close()
}
