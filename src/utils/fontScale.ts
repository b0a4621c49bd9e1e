/**
 * 关怀模式 in H5: the browser's text size (its default font size, 16 px unless the reader changed it) is measured
 * once and the difference from 16 px is handed to every font size through --font-grow (config/care/font-scale.js).
 * Taro sets the root font size itself for its rem layout, so `1rem` cannot carry the reader's choice as it does in
 * the weapp; a probe at `font-size: medium` still reads it.
 */
export function followBrowserTextSize(doc: Document = document): number {
  const probe = doc.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
  doc.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize) || 16
  probe.remove()
  // Smaller than standard is allowed a little (the smallest WeChat size is about 14 px), never below that.
  const grow = Math.max(px - 16, -2)
  doc.documentElement.style.setProperty('--font-grow', `${grow}px`)
  return grow
}
