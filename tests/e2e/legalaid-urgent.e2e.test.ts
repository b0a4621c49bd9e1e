import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `legalaid-urgent-${name}`)
const EMPLOYER = '乐陵市恒通物流有限公司'

/** Taro's H5 Picker opens a sheet; 确定 takes the row it opened on (for an empty date: today). */
async function confirmPicker(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  const open = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction(() => !document.querySelector('.weui-picker__overlay:not([style*="display: none"])'))
}

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

test('先行援助: a hearing date under 7 days away is flagged on the form, the case and first in the staff queue, with the reason', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--legalAid').click()
  await worker.locator('.legal-home__apply').click()
  await worker.locator('.legal-apply__category--contract').click()
  await worker.locator('.field--employer input').fill(EMPLOYER)
  await worker.locator('.field--facts textarea').fill('在物流公司做分拣员三年，上周被口头辞退，没有任何补偿。')
  await worker.locator('.field--claim textarea').fill('要求支付违法解除劳动合同赔偿金。')
  await worker.locator('.field--phone input').fill('13712345678')
  // the day the job ended: the wheel opens on today in Beijing (not the phone's zone: this browser runs in UTC), a year
  // from the limit, so nothing to warn about; then cleared
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
  await confirmPicker(worker, '.field--left-on .picker-box')
  await expectText(worker, '.field--left-on .picker-box__text', today)
  expect(await worker.locator('.legal-apply__warning').count()).toBe(0)
  await worker.locator('.field--left-on .legal-apply__clear').click()
  await expectText(worker, '.field--left-on .picker-box__text', '还在职可不选')
  await confirmPicker(worker, '.field--hearing-day .picker-box')
  await expectText(worker, '.legal-apply__first-aid', '先行援助：开庭日期')
  await expectText(worker, '.legal-apply__first-aid', '就是今天')
  // text areas take the page's font, not the browser's monospace
  const font = await worker.locator('.field--facts textarea').evaluate((el) => getComputedStyle(el).fontFamily)
  expect(font).not.toMatch(/monospace/i)
  await shot(worker, '01-form')
  await worker.locator('.legal-apply__submit').click()
  await confirmModal(worker)
  await expectText(worker, '.legal-detail__status', '已提交')
  await expectText(worker, '.legal-detail__first-aid', '工会优先处理')
  await shot(worker, '02-case')

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  const tile = staff.locator('.workbench-tile', { hasText: '法援受理' })
  await tile.locator('.workbench-tile__badge').waitFor()
  await tile.click()
  const first = staff.locator('.legal-queue__item').first()
  await first.waitFor()
  // first in the queue, ahead of the seeded 群体 case, and it says why
  expect(await first.textContent()).toContain(EMPLOYER)
  await expectText(staff, '.legal-queue__item .legal-first-aid', '先行援助 · 开庭日期')
  await shot(staff, '03-queue')
  await first.click()
  await expectText(staff, '.legal-detail__first-aid', '请优先处理')
  await expectText(staff, '.legal-detail__clock', '开庭日期')
  await shot(staff, '04-staff-case')
})
