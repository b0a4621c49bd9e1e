import { applyForm } from '../utils/membership'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()

test('a worker opens 我的 → 个人信息, reads what deletion removes, confirms, and is told what was deleted and what was kept', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-parent')
  await page.goto(page.url().replace(/#.*$/, '') + '#/pages/me/index')
  await page.locator('.me__item', { hasText: '个人信息' }).click()
  await page.locator('.profile__delete-btn').waitFor()
  await expectText(page, '.profile__explain', '目前：')
  await screenshot(page, 'profile-01-summary')
  await page.locator('.profile__delete-btn').click()
  // The confirmation dialog comes first; nothing is deleted until it is confirmed.
  await page.locator('.taro-model__confirm:visible').click()
  await expectText(page, '.profile__result', '已删除')
  await screenshot(page, 'profile-02-deleted')
})

test('a member changes their phone: the 本地演示 verification, a confirmation naming both masked numbers, then the new number everywhere', async () => {
  // The 入会 application that holds the old number is another journey's subject: made over the API.
  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-courier' })
  await gatewayCall(appUrl(), '/api/membership', { action: 'apply', data: applyForm({ name: '张师傅', phone: '13812345678' }) }, token)

  const page = await openPhone()
  await signIn(page, 'demo-courier')
  const base = page.url().replace(/#.*$/, '')
  await page.goto(base + '#/pages/profile/index/index')
  await expectText(page, '.profile__phone', '138****5678')
  await page.locator('.phone-change__open').click()
  await expectText(page, '.phone-verify__badge', '本地演示')
  await page.locator('.field--phone input').fill('1398765')
  await page.locator('.phone-verify__simulate').click()
  await expectText(page, '.field--phone', '手机号应为 11 位大陆手机号')
  await page.locator('.field--phone input').fill('13812345678')
  await page.locator('.phone-verify__simulate').click()
  await expectText(page, '.field--phone', '这就是您现在的手机号，无需更换')
  await screenshot(page, 'profile-03-phone-same')

  await page.locator('.field--phone input').fill('13987654321')
  await page.locator('.phone-verify__simulate').click()
  await expectText(page, '.taro-modal__content', '原号码：138****5678')
  await expectText(page, '.taro-modal__content', '新号码：139****4321')
  await screenshot(page, 'profile-04-phone-confirm')
  await page.locator('.taro-model__confirm:visible').click()
  await expectText(page, '.phone-change__done', '手机号已更换为 139****4321，入会资料 1 份已同步更新')
  await expectText(page, '.profile__phone', '139****4321')
  await expectText(page, '.profile__tag', '已验证')
  expect(await page.locator('.taro_page:visible').textContent()).not.toContain('13987654321')
  await screenshot(page, 'profile-05-phone-changed')

  // The union's review list shows the application with the new number.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(base + '#/pages/membership/review/index')
  await expectText(staff, '.application-item', '张师傅')
  await expectText(staff, '.application-item__phone', '139****4321')
})
