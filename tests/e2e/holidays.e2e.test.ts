import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `holidays-${name}`)
const on = (page: Page, selector: string, hasText?: string) => page.locator(`${selector} >> visible=true`, hasText ? { hasText } : {})

/** An example notice for the year after this one, in the State Council's words (the dates are what matter). */
function notice(makeupDay: string): string {
  return [
    `一、元旦：1月1日至3日放假调休，共3天。`,
    `二、春节：2月6日至14日放假调休，共9天。2月20日（周六）、${makeupDay}上班。`,
    `三、清明节：4月3日至5日放假，共3天。`,
  ].join('\n')
}

test('the county admin pastes the State Council notice for next year, sees it on a calendar, is told what is wrong, and saves', async () => {
  const year = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) + 1
  const page = await openPhone()
  await signIn(page, 'demo-admin')
  await on(page, '.home__workbench').click()
  const tile = on(page, '.workbench-tile', '节假日安排')
  await tile.waitFor()
  await tile.click()
  await on(page, '.holidays__source').waitFor()
  await expectText(page, '.holidays__source', `${year} 年`)
  await shot(page, '01-empty')

  // A makeup day that falls on a weekday: read, previewed, and refused on save with the reason.
  const firstMonday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${year}-03-0${d}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)!
  const m = Number(firstMonday.slice(5, 7))
  const dd = Number(firstMonday.slice(8))
  await on(page, '.holidays__notice textarea').fill(notice(`${m}月${dd}日`))
  await on(page, '.holidays__parse').click()
  await expectText(page, '.holidays__parsed', '识别出放假 15 天、调休上班 2 天')
  expect(await on(page, '.holidays__cell--off').count()).toBe(15)
  expect(await on(page, '.holidays__cell--work').count()).toBe(2)
  await on(page, '.holidays__save').click()
  await expectText(page, '.holidays .field-error', '调休上班日应为周六或周日')
  await shot(page, '02-weekday-refused')

  // Remove the wrong day by tapping it, save, confirm.
  await on(page, '.holidays__chip--work', firstMonday.slice(5)).click()
  expect(await on(page, '.holidays__cell--work').count()).toBe(1)
  await on(page, '.holidays__save').click()
  await on(page, '.taro-model__confirm').click()
  await expectText(page, '.holidays__source', '本工会录入')
  await shot(page, '03-saved')

  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-admin' })
  const saved = await gatewayCall(appUrl(), '/api/orgs', { action: 'holidays', data: { year } }, token)
  expect(saved.entry).toMatchObject({ source: 'union', work: [`${year}-02-20`] })
  expect(saved.entry.off).toHaveLength(15)
})
