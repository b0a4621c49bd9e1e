// Draws the two map pins of the station map (src/pages/stations/list/pin-*.png): WeChat's <map> markers need an
// image file. Run by hand after a change (`node scripts/map-pins.mjs`); the PNGs are committed. pngjs is already
// installed (qrcode's dependency); each pin is a few hundred bytes.
import { PNG } from 'pngjs'
import { writeFileSync } from 'node:fs'

const SIZE = 48
const pins = { open: [0x17, 0x92, 0x4e], closed: [0x8a, 0x90, 0x9c] }

/** distance from (x, y) to the pin's outline: a circle on top, narrowing to a point at the bottom */
function inside(x, y) {
  const cx = 24
  const cy = 19
  const r = 16
  if (Math.hypot(x - cx, y - cy) <= r) return 'body'
  // the tip: a triangle from the circle's widest tangent points down to (24, 46)
  if (y > cy && y <= 46) {
    const half = r * (1 - (y - cy) / (46 - cy)) * 0.9
    if (Math.abs(x - cx) <= half) return 'body'
  }
  return null
}

for (const [name, [r, g, b]] of Object.entries(pins)) {
  const png = new PNG({ width: SIZE, height: SIZE })
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      // 4×4 supersampling for smooth edges
      let body = 0
      let dot = 0
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4
          const py = y + (sy + 0.5) / 4
          if (inside(px, py)) {
            body++
            if (Math.hypot(px - 24, py - 19) <= 6) dot++
          }
        }
      }
      const i = (y * SIZE + x) * 4
      const t = dot / Math.max(1, body)
      png.data[i] = Math.round(r + (255 - r) * t)
      png.data[i + 1] = Math.round(g + (255 - g) * t)
      png.data[i + 2] = Math.round(b + (255 - b) * t)
      png.data[i + 3] = Math.round((body / 16) * 255)
    }
  }
  const file = `src/pages/stations/list/pin-${name}.png`
  writeFileSync(file, PNG.sync.write(png, { colorType: 6 }))
  console.log(file)
}
