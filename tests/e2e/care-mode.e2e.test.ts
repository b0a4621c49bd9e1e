import type { Page } from 'playwright-core'
import { screenshot, setUpPhones } from './harness'

// 关怀模式: the reader has set the largest text size. WeChat's largest 「字体大小」 is roughly 1.6× its standard;
// in the browser that is a default font size of 26 px instead of 16 px (Chromium's own text-size setting, set here
// through the DevTools protocol exactly as the browser's settings page would).
const LARGE_PX = 26
const LELING = { latitude: 37.7306, longitude: 117.2166 }
/** WCAG's minimum tap target; 88rpx on this 390 px wide phone is 45.8 px. */
const MIN_TAP_PX = 44
const TAPPABLE = [
  '.btn',
  '.choice__item',
  '.picker-box',
  '.field__input',
  '.sheet-picker',
  '.search-bar__input',
  '.service-tile',
  '.home__workbench',
  '.me__item',
  '.workbench-tile',
  '.todo__item',
  '.station-card',
].join(', ')

const { openPhone, signIn, appUrl } = setUpPhones()

async function largeTextPhone(opts: { geolocation?: typeof LELING } = {}): Promise<Page> {
  const phone = await openPhone(opts)
  const cdp = await phone.context().newCDPSession(phone)
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: LARGE_PX, fixed: LARGE_PX } })
  return phone
}

async function visit(page: Page, path: string, ready: string) {
  await page.goto(appUrl() + '/#' + path)
  await page.locator(`.taro_page_show ${ready}`).first().waitFor()
  await page.waitForTimeout(600)
}

/** Body text size of the visible page, in CSS px. */
function bodyTextPx(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => parseFloat(getComputedStyle(document.querySelector(`.taro_page_show ${sel}`)!).fontSize), selector)
}

/**
 * Every element of the visible page that holds text of its own and cuts it off: its text is wider or taller than
 * its box while the box hides overflow (ellipsis, line clamp, a fixed height), or the text runs past the screen's
 * right edge. Returns a line per offender for the failure message.
 */
function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.taro_page_show')!
    const out: string[] = []
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const ownText = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim()
      if (!ownText || el.getClientRects().length === 0 || ['INPUT', 'TEXTAREA'].includes(el.tagName)) continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden') continue
      const name = `${el.className || el.tagName} 「${ownText.slice(0, 16)}」`
      const hides = (v: string) => v !== 'visible'
      if (el.clientWidth > 0 && hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        out.push(`${name} cut at the side: ${el.scrollWidth} > ${el.clientWidth}px`)
      if (el.clientHeight > 0 && hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
        out.push(`${name} cut at the bottom: ${el.scrollHeight} > ${el.clientHeight}px`)
      const range = document.createRange()
      range.selectNodeContents(el)
      const r = range.getBoundingClientRect()
      if (r.right > innerWidth + 1) out.push(`${name} runs off the screen: right edge ${Math.round(r.right)} > ${innerWidth}px`)
    }
    return out
  })
}

/** Tap targets of the visible page smaller than `min` px in height. */
function smallTargets(page: Page, min: number): Promise<{ checked: number; small: string[] }> {
  return page.evaluate(
    ([sel, m]) => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>(`.taro_page_show :is(${sel})`)).filter((e) => e.getClientRects().length > 0)
      const small = shown
        .map((e) => ({ e, h: e.getBoundingClientRect().height }))
        .filter(({ h }) => h < m)
        .map(({ e, h }) => `${e.className.split(' ')[0]} 「${(e.textContent ?? '').trim().slice(0, 12)}」 ${h.toFixed(1)}px`)
      return { checked: shown.length, small }
    },
    [TAPPABLE, min] as const,
  )
}

async function checkPage(page: Page, path: string, ready: string, shot: string) {
  await visit(page, path, ready)
  await screenshot(page, shot)
  expect([path, await clippedText(page)]).toEqual([path, []])
  const { checked, small } = await smallTargets(page, MIN_TAP_PX)
  expect([path, small]).toEqual([path, []])
  expect(checked).toBeGreaterThan(0)
}

test('at the largest text size every font grows with it; at the standard size nothing changes', async () => {
  const standard = await openPhone()
  await signIn(standard, 'demo-worker')
  await visit(standard, '/pages/me/index', '.me__item-text')
  const standardPx = await bodyTextPx(standard, '.me__item-text')

  const large = await largeTextPhone()
  await signIn(large, 'demo-worker')
  await visit(large, '/pages/me/index', '.me__item-text')
  const largePx = await bodyTextPx(large, '.me__item-text')

  // 30rpx on a 390 px phone is 15.6 px; at 26 px reading size it grows by 10 px × 30/32.
  expect(standardPx).toBeCloseTo((30 * 390) / 750, 1)
  expect(largePx).toBeCloseTo(standardPx + (LARGE_PX - 16) * (30 / 32), 1)
})

test('关怀模式: home, 我的, a form, a list and the 工作台 clip no text and keep tap targets at least 44 px', async () => {
  const worker = await largeTextPhone()
  await signIn(worker, 'demo-worker')
  await checkPage(worker, '/pages/home/index', '.service-tile', 'care-01-home')
  await checkPage(worker, '/pages/me/index', '.me__item', 'care-02-me')
  await checkPage(worker, '/pages/membership/apply/index', '.btn', 'care-03-form')

  const courier = await largeTextPhone({ geolocation: LELING })
  await signIn(courier, 'demo-courier')
  await checkPage(courier, '/pages/stations/list/index', '.station-card', 'care-04-list')

  const admin = await largeTextPhone()
  await signIn(admin, 'demo-admin')
  await checkPage(admin, '/pages/staff/index/index', '.workbench-tile', 'care-05-workbench')
})
