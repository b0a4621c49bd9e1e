import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

test('集中入会: staff make an event code; the scanned link opens the form with the event and employer; 会员查询 answers only 是/不是', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '集中入会' }).click()
  await expectText(staff, '.drives', '还没有集中入会活动')
  await staff.locator('.drives__create').click()
  await expectText(staff, '.field--event .field-error', '活动名称至少 2 个字')
  await staff.locator('.drives__event input').fill('2026 快递行业集中入会')
  await staff.locator('.drives__employer input').fill('乐陵城北顺达物流有限公司')
  await staff.locator('.drives__create').click()
  await expectText(staff, '.drive__event', '2026 快递行业集中入会')
  await staff.locator('.drive__qr img').waitFor()
  const code = ((await staff.locator('.drive__code').first().textContent()) ?? '').replace('入会码', '').trim()
  expect(code).toMatch(/^[0-9A-Z]{8}$/)
  await expectText(staff, '.drive__applications', '0')
  await screenshot(staff, 'membership-drive-01-code')

  // A worker scans it: the form says which event and union, with the employer filled in.
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.goto(worker.url().split('#')[0] + `#/pages/membership/apply/index?drive=${code}`)
  await expectText(worker, '.apply__drive-title', '2026 快递行业集中入会')
  await expectText(worker, '.apply__drive-note', '乐陵市总工会')
  expect(await worker.locator('.apply__employer input').inputValue()).toBe('乐陵城北顺达物流有限公司')
  await screenshot(worker, 'membership-drive-02-form')

  // 会员查询 from the 入会 page: an unknown person is 不是, and nothing else is said.
  await worker.goto(worker.url().split('#')[0] + '#/pages/membership/index/index')
  await worker.locator('.membership-intro__lookup').click()
  await worker.locator('.lookup__name input').fill('王不是')
  await worker.locator('.lookup__id-number input').fill('11010519491231002X')
  await worker.locator('.lookup__submit').click()
  await expectText(worker, '.lookup-result__verdict', '没有查到会员记录')
  await screenshot(worker, 'membership-drive-03-lookup')
})
