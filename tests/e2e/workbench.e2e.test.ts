import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

test('the 工作台 shows each role only its own tiles; a worker opening a staff page by URL sees 没有权限 at once', async () => {
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await keeper.locator('.home__workbench').click()
  await keeper.locator('.workbench-tile').first().waitFor()
  expect(await keeper.locator('.workbench-tile__title').allTextContents()).toEqual(['驿站管理', '反馈处理', '驿站服务人次', '驿站券核销'])
  await screenshot(keeper, 'workbench-01-keeper')

  const worker = await openPhone()
  await signIn(worker, 'demo-courier')
  const home = worker.url()
  await worker.goto(home.replace(/#.*$/, '') + '#/pages/stations/edit/index')
  await expectText(worker, '.state-view__title', '没有权限')
  expect(await worker.locator('.station-form, input').count()).toBe(0)
  await screenshot(worker, 'workbench-02-no-permission')

  await worker.goto(home.replace(/#.*$/, '') + '#/pages/staff/index/index')
  await expectText(worker, '.state-view__title', '您还没有工作台权限')
})
