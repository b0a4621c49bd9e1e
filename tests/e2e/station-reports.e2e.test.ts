import { screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

test('a keeper answers a 关闭了 report from the 反馈处理 inbox, pausing the station', async () => {
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await keeper.locator('.home__workbench').click()
  await keeper.locator('.workbench-tile', { hasText: '反馈处理' }).locator('.workbench-tile__badge').waitFor()
  await keeper.locator('.workbench-tile', { hasText: '反馈处理' }).click()
  const card = keeper.locator('.station-report', { hasText: '大门锁着' })
  await card.waitFor()
  await screenshot(keeper, 'reports-01-inbox')
  await card.locator('.station-report__answer').click()
  await keeper.locator('.station-report-reply__toggle').click()
  await keeper.locator('.station-report-reply__box textarea').fill('驿站内部装修，三天后恢复开放，谢谢提醒！')
  await screenshot(keeper, 'reports-02-reply')
  await keeper.locator('.reason-box__confirm').click()
  await keeper.locator('.taro-model__confirm:visible').click()
  await keeper.locator('.station-reports__tab', { hasText: '已处理' }).click()
  await keeper.locator('.station-report__suspended').waitFor()
  await screenshot(keeper, 'reports-03-resolved')
})
