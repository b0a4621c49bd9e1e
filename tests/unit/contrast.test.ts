import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * WCAG 2.x contrast of every text colour of the theme against each background it is drawn on, read from the
 * SCSS itself, so a colour changed in src/styles/theme.scss is checked where it is changed. Text needs 4.5:1.
 */
const STYLES = join(__dirname, '../../src/styles')
const theme = readFileSync(join(STYLES, 'theme.scss'), 'utf8')
const vars: Record<string, string> = { white: '#ffffff' }
for (const m of theme.matchAll(/^\$([\w-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b/gm)) vars[m[1]] = m[2]

function luminance(hex: string): number {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1)
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** Text colours on the page and card backgrounds; white on the filled buttons and tags. */
const TEXTS = ['text', 'text-2', 'text-3', 'red', 'red-dark', 'green', 'amber']
const PAIRS: [string, string][] = [
  ...TEXTS.flatMap((t) => [[t, 'card'] as [string, string], [t, 'bg'] as [string, string]]),
  ['white', 'red'],
  ['white', 'green'],
  ['white', 'amber'],
]

/** The status badges: `(soft background, text)` pairs of $badge-tones in badge.scss. */
function badgePairs(): [string, string][] {
  const badge = readFileSync(join(STYLES, 'badge.scss'), 'utf8')
  const tones = /\$badge-tones:\s*\(([\s\S]*?)\n\);/.exec(badge)?.[1] ?? ''
  return [...tones.matchAll(/\(\s*\$([\w-]+),\s*\$([\w-]+),?\s*\)/g)].map((m) => [m[2], m[1]])
}

test('the theme declares every colour the pairs name', () => {
  for (const [fg, bg] of [...PAIRS, ...badgePairs()]) {
    expect([fg, vars[fg]]).toEqual([fg, expect.stringMatching(/^#/)])
    expect([bg, vars[bg]]).toEqual([bg, expect.stringMatching(/^#/)])
  }
  expect(badgePairs().length).toBeGreaterThanOrEqual(5)
})

test.each([...PAIRS, ...badgePairs()])('%s text on %s is at least 4.5:1', (fg, bg) => {
  expect(contrast(vars[fg], vars[bg])).toBeGreaterThanOrEqual(4.5)
})

test('the formula matches WCAG reference values', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
  expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2) // the lightest grey that passes on white
  expect(contrast('#8a909c', '#ffffff')).toBeLessThan(4.5) // the hint grey before this check
})
