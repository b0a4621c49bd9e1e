import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()

test('a link opened signed out comes back after choosing a persona; an unknown route says 页面不存在 with a way home', async () => {
  const phone = await openPhone()
  // A shared station link, opened before signing in.
  await phone.goto(appUrl() + '/#/pages/stations/detail/index?id=st-yto')
  await phone.locator('.persona--demo-courier').waitFor()
  expect(phone.url()).toContain('redirect=')
  await screenshot(phone, 'navigation-01-login-with-return')
  await phone.locator('.persona--demo-courier').click()
  await expectText(phone, '.station-detail__name, .station-detail h1, .taro_page', '圆通速递乐陵网点骑手驿站')
  expect(decodeURIComponent(phone.url())).toContain('#/pages/stations/detail/index?id=st-yto')
  expect(await phone.locator('.persona').count()).toBe(0)
  await screenshot(phone, 'navigation-02-back-on-the-link')

  // Signed in, a mistyped or stale route.
  await phone.goto(appUrl() + '/#/pages/nope/index?x=1')
  await expectText(phone, '.state-view__title', '页面不存在')
  await screenshot(phone, 'navigation-03-not-found')
  await phone.locator('.not-found .state-view__action').click()
  await phone.locator('.home__brand').waitFor()
})

test('a page whose code cannot be downloaded says so and offers a retry, instead of leaving the old page silently', async () => {
  const phone = await openPhone()
  await signIn(phone, 'demo-courier')
  // A weak network: every chunk of the 驿站 subpackage fails to download.
  await phone.route(/\/js\/pages\/stations\/.*\.js/, (route) => route.abort('internetdisconnected'))
  await phone.evaluate(() => {
    window.location.hash = '#/pages/stations/list/index'
  })
  await expectText(phone, '.taro__modal, .taro-modal__content, body', '页面加载失败，请检查网络后重试')
  await screenshot(phone, 'navigation-04-chunk-failed')
  await phone.unroute(/\/js\/pages\/stations\/.*\.js/)
})
