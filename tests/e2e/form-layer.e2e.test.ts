import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()

/**
 * The shared form layer as a worker meets it (the 反馈 form): nothing is red before the first 提交; after it every
 * mistake is red; each one goes as soon as it is fixed, with no second tap; a fixed form sends.
 */
test('form errors show after the first submit and leave as each field is fixed', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.goto(`${appUrl()}/#/pages/stations/report/index?id=st-shizhong&name=${encodeURIComponent('市中街道办事处劳动者驿站')}`)
  await worker.locator('.report__submit').waitFor()
  expect(await worker.locator('.field-error').count()).toBe(0)

  await worker.locator('.report__submit').click()
  await expectText(worker, '.field-error', '')
  const errors = () => worker.locator('.field-error').allTextContents()
  expect((await errors()).length).toBe(1)
  await screenshot(worker, 'form-layer-01-errors')

  // 其他 needs a note: the kind's error goes at once and the note's arrives, both without tapping 提交.
  await worker.locator('.report-kind--other').click()
  await worker.waitForFunction(() => document.querySelectorAll('.report__text-card--invalid').length === 1)
  expect((await errors()).length).toBe(1)
  await worker.locator('.report__text').locator('textarea').fill('饮水机旁的插座松了')
  await worker.waitForFunction(() => document.querySelectorAll('.field-error, .form-error').length === 0)
  await screenshot(worker, 'form-layer-02-fixed')

  await worker.locator('.report__submit').click()
  await worker.locator('.taro-model__confirm:visible').click()
  await expectText(worker, '.taro__toast', '已收到反馈')
})
