import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl, allowConsoleError } = setUpPhones()

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
  // A weak network: from now on no code chunk downloads (page chunks are numbered: js/1234.abcd1234.js).
  const chunks = /\/js\/\d+\.[0-9a-f]+\.js$/
  allowConsoleError(/net::ERR_INTERNET_DISCONNECTED/, 'the browser reports each chunk this test refuses to deliver')
  await phone.route(chunks, (route) => route.abort('internetdisconnected'))
  await phone.evaluate(() => {
    window.location.hash = '#/pages/legalAid/index/index'
  })
  await expectText(phone, 'body', '页面加载失败，请检查网络后重试')
  await screenshot(phone, 'navigation-04-chunk-failed')
  await phone.unroute(chunks)
})
