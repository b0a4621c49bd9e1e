import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

test('the county admin opens 通知发送情况 from the 工作台 and sees, per notice, what reached WeChat and why not', async () => {
  const admin = await openPhone()
  await signIn(admin, 'demo-admin')
  await admin.locator('.home__workbench').click()
  await admin.locator('.workbench-tile', { hasText: '通知发送情况' }).click()
  await admin.locator('.delivery-row').first().waitFor()
  await expectText(admin, '.delivery__alert', '条通知发送失败')
  // The demo week: 驿站反馈答复 was refused for a bad template id, 入会审核结果 partly reached 消息中心 only.
  const station = admin.locator('.delivery-row', { hasText: '驿站反馈答复' })
  await expectText(admin, '.delivery-row--failed .delivery-row__title', '驿站反馈答复')
  expect(await station.locator('.delivery-row__reason--failed').allTextContents()).toEqual(['失败 3 条：消息模板编号无效'])
  const membership = admin.locator('.delivery-row', { hasText: '入会审核结果' })
  expect(await membership.locator('.delivery-fig--sent').textContent()).toBe('已送达微信 9')
  expect(await membership.locator('.delivery-row__reason').allTextContents()).toEqual(['3 条职工没有订阅，只在消息中心'])
  await screenshot(admin, 'delivery-01-admin')

  // A union cadre has no such tile, and the page by URL says 没有权限.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile').first().waitFor()
  expect(await staff.locator('.workbench-tile__title').allTextContents()).not.toContain('通知发送情况')
  await staff.goto(staff.url().replace(/#.*$/, '') + '#/pages/messages/delivery/index')
  await expectText(staff, '.state-view__title', '没有权限')
})
