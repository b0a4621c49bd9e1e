import type { Page } from 'playwright-core'
import { checkDigit } from '../../src/contracts/membership/idcard'
import { expectText, screenshot, setUpPhones } from './harness'

// 乐陵 (371481), born 1992-11-05, sequence 124: even, so the holder is a woman.
const FIRST17 = '37148119921105124'
const ID_NUMBER = FIRST17 + checkDigit(FIRST17)

const { openPhone, signIn, appUrl } = setUpPhones()

const shot = (page: Page, name: string) => screenshot(page, `membership-apply-${name}`)

/** The fields currently red, by their name (`field--name` → name). */
async function invalidFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.field--invalid')).map((el) =>
      Array.from(el.classList)
        .find((c) => c.startsWith('field--') && c !== 'field--invalid')!
        .slice(7),
    ),
  )
}

async function confirmPicker(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  const open = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction(() => !document.querySelector('.weui-picker__overlay:not([style*="display: none"])'))
}

const waitUntilValid = (page: Page, field: string) => page.waitForFunction((f) => !document.querySelector(`.field--${f}.field--invalid`), field)

test('the 入会 form: sensitive choices start empty, gender and birth date come from the 身份证号, the phone from WeChat’s check, and each error leaves as it is fixed', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-courier')
  await page.goto(`${appUrl()}/#/pages/membership/apply/index`)
  await page.locator('.apply__submit').waitFor()

  // Nothing is chosen for the person: 民族 and 政治面貌 read 请选择; no gender question at all.
  await expectText(page, '.apply__ethnicity', '请选择')
  await expectText(page, '.apply__political', '请选择')
  expect(await page.locator('.field--gender').count()).toBe(0)
  await expectText(page, '.apply__derived-note', '填写身份证号后自动识别')
  expect(await page.locator('.field-error').count()).toBe(0)

  await page.locator('.apply__submit').click()
  await expectText(page, '.form-error', '请按标红的提示修改后再提交')
  const first = await invalidFields(page)
  expect(first).toEqual(expect.arrayContaining(['name', 'idNumber', 'ethnicity', 'phone', 'politicalStatus', 'employer', 'consent']))
  await expectText(page, '.field--ethnicity .field-error', '请选择民族')
  await expectText(page, '.field--politicalStatus .field-error', '请选择政治面貌')
  await expectText(page, '.field--phone .field-error', '请验证手机号')
  await shot(page, '01-all-red')

  // Each fix clears its own error at once, with no second tap on 提交.
  await page.locator('.apply__name input').fill('李秀兰')
  await waitUntilValid(page, 'name')
  await page.locator('.apply__id-number input').fill(ID_NUMBER.slice(0, 17))
  await expectText(page, '.field--idNumber .field-error', '18 位')
  await page.locator('.apply__id-number input').fill(ID_NUMBER)
  await waitUntilValid(page, 'idNumber')
  await expectText(page, '.apply__gender', '女')
  await expectText(page, '.apply__birth', '1992年11月5日')
  await expectText(page, '.apply__derived-note', '由身份证号自动识别')

  await confirmPicker(page, '.apply__ethnicity')
  await waitUntilValid(page, 'ethnicity')
  await expectText(page, '.apply__ethnicity', '汉族')

  // 本地演示 of WeChat's phone check: a bad number is caught before the gateway; a good one comes back masked.
  await page.locator('.apply__phone .field--phone input').fill('1391234')
  await page.locator('.apply__phone .phone-verify__simulate').click()
  await expectText(page, '.field--phone .field-error', '11 位')
  await page.locator('.apply__phone .field--phone input').fill('13912345678')
  await page.locator('.apply__phone .phone-verify__simulate').click()
  await expectText(page, '.apply__phone-masked', '139****5678')
  await expectText(page, '.apply__phone-badge', '已通过微信验证')
  await waitUntilValid(page, 'phone')
  expect(await page.content()).not.toContain('13912345678')
  await shot(page, '02-derived-and-verified')

  const left = await invalidFields(page)
  expect(left).not.toEqual(expect.arrayContaining(['name']))
  expect(left).toEqual(expect.arrayContaining(['politicalStatus', 'employer', 'consent']))
  expect(left.length).toBeLessThan(first.length)
})
