import { join } from 'node:path'
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
 * Text the visible page cuts off: a box that hides its overflow (an ellipsis, a line clamp, a fixed height) whose
 * text is wider or taller than the box, or text of an element's own that runs past the screen's right edge
 * (outside rows that scroll sideways). Returns a line per offender for the failure message.
 */
function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('.taro_page_show')!
    const out: string[] = []
    const label = (el: Element, text: string) => `${(el.getAttribute('class') || el.tagName).split(' ')[0]} 「${text.slice(0, 16)}」`
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      if (el.getClientRects().length === 0 || ['INPUT', 'TEXTAREA'].includes(el.tagName)) continue
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden') continue
      const text = (el.textContent ?? '').trim()
      const cuts = (v: string) => v === 'hidden' || v === 'clip'
      if (text && el.clientWidth > 0 && cuts(style.overflowX) && el.scrollWidth > el.clientWidth)
        out.push(`${label(el, text)} cut at the side: ${el.scrollWidth} > ${el.clientWidth}px`)
      if (text && el.clientHeight > 0 && cuts(style.overflowY) && el.scrollHeight > el.clientHeight)
        out.push(`${label(el, text)} cut at the bottom: ${el.scrollHeight} > ${el.clientHeight}px`)
      const ownText = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim()
      if (!ownText) continue
      const range = document.createRange()
      range.selectNodeContents(el)
      const r = range.getBoundingClientRect()
      // A row that scrolls sideways (the amenity filter chips) is meant to run past the edge.
      let scroller: HTMLElement | null = el.parentElement
      while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement
      if (!scroller && r.right > innerWidth + 1)
        out.push(`${label(el, ownText)} runs off the screen: right edge ${Math.round(r.right)} > ${innerWidth}px`)
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

/** Visits a page, saves its screenshot, and returns what it clips and which tap targets are small (for one report). */
async function checkPage(page: Page, path: string, ready: string, shot: string): Promise<string[]> {
  await visit(page, path, ready)
  await screenshot(page, shot)
  // and the first screen as the reader sees it (a long list's full-page shot is too tall to read)
  await page.screenshot({ path: join(__dirname, 'screenshots', `${shot}-screen.png`) })
  const { checked, small } = await smallTargets(page, MIN_TAP_PX)
  expect([path, checked > 0]).toEqual([path, true])
  return [...(await clippedText(page)), ...small.map((t) => `tap target under ${MIN_TAP_PX}px: ${t}`)].map((p) => `${path}: ${p}`)
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
  const problems: string[] = []
  const worker = await largeTextPhone()
  await signIn(worker, 'demo-worker')
  problems.push(...(await checkPage(worker, '/pages/home/index', '.service-tile', 'care-01-home')))
  problems.push(...(await checkPage(worker, '/pages/me/index', '.me__item', 'care-02-me')))
  problems.push(...(await checkPage(worker, '/pages/membership/apply/index', '.btn', 'care-03-form')))

  const courier = await largeTextPhone({ geolocation: LELING })
  await signIn(courier, 'demo-courier')
  problems.push(...(await checkPage(courier, '/pages/stations/list/index', '.station-card', 'care-04-list')))

  const admin = await largeTextPhone()
  await signIn(admin, 'demo-admin')
  problems.push(...(await checkPage(admin, '/pages/staff/index/index', '.workbench-tile', 'care-05-workbench')))
  expect(problems).toEqual([])
})
