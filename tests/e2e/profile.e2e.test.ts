import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

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
