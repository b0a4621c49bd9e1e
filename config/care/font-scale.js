// 关怀模式: every font size on screen follows the reader's text size (WeChat 「字体大小」, the browser's text size).
// Runs last over the built CSS of every page and component, so no page has to opt in. A size of N rpx becomes
// `calc(N rpx + var(--font-grow, 0px) * k)`, where --font-grow is how much the reader's text size exceeds the standard
// 16 px (src/app.scss sets it in the weapp, src/utils/fontScale.ts in H5) and k = N / 32 is N rpx's share of a 16 px
// line on a 375 px phone: at standard size nothing changes, at 1.5× body text is 1.5× as large. Sizes above 36 rpx
// (titles, figures) grow only as much as 36 rpx text does, as iOS Dynamic Type does, so a 72 rpx countdown stays on
// one line.
const CAP_RPX = 36
// H5: Taro's pxtransform has already turned N rpx into N / 40 rem (designWidth 750), and px (upper-case PX kept) is 2 rpx.
const RPX_PER = { rpx: 1, rem: 40, px: 2 }

function grown(value) {
  const m = /^(\d*\.?\d+)(rpx|rem|px)$/i.exec(value.trim())
  if (!m) return null
  const rpx = parseFloat(m[1]) * RPX_PER[m[2].toLowerCase()]
  if (!rpx) return null
  const k = +(Math.min(rpx, CAP_RPX) / 32).toFixed(4)
  return `calc(${m[1]}${m[2]} + var(--font-grow, 0px) * ${k})`
}

module.exports = () => ({
  postcssPlugin: 'care-font-scale',
  OnceExit(root) {
    root.walkDecls('font-size', (decl) => {
      const next = grown(decl.value)
      if (next) decl.value = next
    })
  },
})
module.exports.postcss = true
module.exports.grown = grown
