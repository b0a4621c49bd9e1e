import type { Page } from 'playwright-core'
import { screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()

/** 88rpx on this 390 px wide phone (750rpx across), less a rounding pixel. */
const MIN_TAP_PX = (88 * 390) / 750 - 1

async function visiblePage(page: Page, path: string, ready: string) {
  await page.goto(appUrl() + '/#' + path)
  await page.locator(`.taro_page_show ${ready}`).first().waitFor()
  await page.waitForTimeout(500)
}

/** How far the visible page scrolls beyond its own box. */
function overscroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const p = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((e) => getComputedStyle(e).display !== 'none')!
    return p.scrollHeight - p.clientHeight
  })
}

/** Tap targets of the visible page smaller than 88rpx in either height, with their text, for the failure message. */
function targets(page: Page, selector: string, minPx: number): Promise<{ checked: number; small: string[] }> {
  return page.evaluate(
    ([sel, min]) => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>(`.taro_page_show ${sel}`)).filter((e) => e.getClientRects().length > 0)
      const small = shown
        .map((e) => ({ e, h: e.getBoundingClientRect().height }))
        .filter(({ h }) => h < min)
        .map(({ e, h }) => `${e.className.split(' ')[0]} 「${(e.textContent ?? '').trim().slice(0, 12)}」 ${h.toFixed(1)}px`)
      return { checked: shown.length, small }
    },
    [selector, minPx] as const,
  )
}

test('a page whose content fits does not scroll: no page is taller than the screen (the H5 tab bar included)', async () => {
  const phone = await openPhone()
  await signIn(phone, 'demo-worker')
  for (const [path, ready] of [
    ['/pages/messages/index/index', '.page'],
    ['/pages/nope/index', '.state-view__title'],
  ]) {
    await visiblePage(phone, path, ready)
    expect([path, await overscroll(phone)]).toEqual([path, 0])
    // and the screen below short content is the page's grey, not a white gap
    expect(await phone.evaluate(() => getComputedStyle(document.querySelector('.taro_page_show')!).backgroundColor)).toBe('rgb(244, 245, 247)')
  }
  await screenshot(phone, 'a11y-01-short-page')
})

test('buttons, choices, pickers and inputs of a form are at least 88rpx tall', async () => {
  const phone = await openPhone()
  await signIn(phone, 'demo-worker')
  await visiblePage(phone, '/pages/membership/apply/index', '.btn')
  const { checked, small } = await targets(phone, '.btn, .choice__item, .picker-box, .field__input, .sheet-picker, .search-bar__input', MIN_TAP_PX)
  expect(small).toEqual([])
  expect(checked).toBeGreaterThan(10) // the form's inputs, choices, pickers and its submit button
  await screenshot(phone, 'a11y-02-form-targets')
})
