import { readFileSync } from 'node:fs'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

// 乐陵市 centre, as a phone's GPS (WGS-84) would report it.
const LELING = { latitude: 37.7306, longitude: 117.2166 }
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

const { openPhone, signIn, appUrl } = setUpPhones()

/** Tomorrow's weekday in Beijing, whatever the machine's zone. */
function tomorrowInBeijing(): string {
  const beijing = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000)
  return WEEKDAYS[beijing.getUTCDay()]
}

test('a courier sees when a closed station opens, and in its detail how far it is on foot', async () => {
  const staff = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token
  const name = '明早开门测试驿站'
  // Open one hour a week, tomorrow: closed now whatever the time of the run, and opening 「明天 09:00」.
  await gatewayCall(
    appUrl(),
    '/api/stations',
    {
      action: 'upsert',
      data: {
        name,
        address: '乐陵市兴隆南大街 80 号',
        lat: 37.7335,
        lng: 117.223,
        hours: `${tomorrowInBeijing()} 09:00-10:00`,
        amenities: ['water'],
        phone: '',
      },
    },
    staff,
  )

  const page = await openPhone({ geolocation: LELING })
  await signIn(page, 'demo-courier')
  await page.locator('.service-tile--stations').click()
  await page.locator('.station-card').first().waitFor()
  await page.locator('.station-search input').first().fill(name)
  await page.locator('.station-search__submit').click()
  const card = page.locator('.station-card', { hasText: name })
  await card.waitFor()
  expect((await card.locator('.open-badge').textContent())?.trim()).toBe('明天 09:00 开门')
  expect(await card.locator('.station-card__distance').textContent()).toMatch(/^\d+米$/)
  await screenshot(page, 'station-visits-01-next-open')

  await card.click()
  await page.locator('.station-detail__name').waitFor()
  await expectText(page, '.station-detail .open-badge', '明天 09:00 开门')
  const distance = (await page.locator('.station-detail__distance').textContent()) ?? ''
  expect(distance).toMatch(/距离\s*\d+米 · 步行约 \d+ 分钟/)
  // About 80 m a minute: the minutes follow from the metres shown.
  const [, metres, minutes] = distance.match(/(\d+)米 · 步行约 (\d+) 分钟/)!
  expect(Number(minutes)).toBe(Math.max(1, Math.ceil(Number(metres) / 80)))
  // 「现在开着吗?」: a courier at the door says it is open; the page says so for those after.
  await page.locator('.station-confirm__yes').click()
  await expectText(page, '.station-confirm__thanks', '谢谢确认')
  await expectText(page, '.station-confirm__ago', '刚刚有人确认开放')
  await screenshot(page, 'station-visits-02-detail-distance')
})

test('poster → scan (open the link the QR encodes) → the keeper sees the visit in the chart', async () => {
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await keeper.goto(`${appUrl()}/#/pages/stations/manage/index`)
  await keeper.locator('.managed-station__poster').first().click()
  await keeper.locator('.station-poster__qr').waitFor()
  await expectText(keeper, '.station-poster__hotline', '12351')
  await expectText(keeper, '.station-poster__name', '市中街道办事处劳动者驿站')
  const [download] = await Promise.all([keeper.waitForEvent('download'), keeper.locator('.station-poster__save').click()])
  expect(download.suggestedFilename()).toBe('驿站海报-市中街道办事处劳动者驿站.png')
  const png = readFileSync((await download.path())!)
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  // IHDR: A4 at 150 dpi
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1240, 1754])
  // The PDF for office printers: the same drawing as a JPEG on one A4 page, no font inside.
  const [pdfDownload] = await Promise.all([keeper.waitForEvent('download'), keeper.locator('.station-poster__pdf').click()])
  expect(pdfDownload.suggestedFilename()).toBe('驿站海报-市中街道办事处劳动者驿站.pdf')
  const pdf = readFileSync((await pdfDownload.path())!).toString('latin1')
  expect(pdf.startsWith('%PDF-')).toBe(true)
  expect(pdf).toContain('/MediaBox [0 0 595 842]')
  expect(pdf).toContain('/Width 1240 /Height 1754 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode')
  expect(pdf).not.toContain('/Font')
  expect(pdf.endsWith('%%EOF\n')).toBe(true)
  await screenshot(keeper, 'station-visits-03-poster')
  const link = (await keeper.locator('.station-poster__link').getAttribute('href')) ?? ''
  expect(link).toContain('#/pages/stations/checkin/index?s=st-shizhong&k=')

  const courier = await openPhone()
  await signIn(courier, 'demo-courier')
  await courier.goto(link)
  await expectText(courier, '.station-checkin__name', '市中街道办事处劳动者驿站')
  await courier.locator('.station-checkin__occupation--delivery').click()
  await screenshot(courier, 'station-visits-04-checkin')
  await courier.locator('.station-checkin__submit').click()
  await expectText(courier, '.station-checkin__result-title', '签到成功')
  await screenshot(courier, 'station-visits-05-checked-in')
  // A second scan at once is the same visit.
  await courier.goto(`${appUrl()}/#/pages/home/index`)
  await courier.locator('.home__brand').waitFor()
  await courier.goto(link)
  await courier.locator('.station-checkin__occupation--delivery.station-checkin__occupation--on').waitFor()
  await courier.locator('.station-checkin__submit').click()
  await expectText(courier, '.station-checkin__result-title', '您已签到过')

  await keeper.goto(`${appUrl()}/#/pages/stations/visits/index?id=st-shizhong`)
  await expectText(keeper, '.station-visits__scope-name', '市中街道办事处劳动者驿站')
  await expectText(keeper, '.station-visits__total-count', '1')
  const bars = keeper.locator('.visit-bars__col')
  expect(await bars.count()).toBe(14)
  expect((await bars.last().locator('.visit-bars__count').textContent())?.trim()).toBe('1')
  await expectText(keeper, '.station-visits__occ--delivery', '外卖')
  expect(Number(await keeper.locator('.station-visits__county-count').textContent())).toBeGreaterThanOrEqual(1)
  await screenshot(keeper, 'station-visits-06-chart')
  await keeper.locator('.station-visits__tab--month').click()
  await expectText(keeper, '.station-visits__total', '近 6 个月')
  // The heading describes the figures on screen: it says 6 months only once the months' bars are there.
  expect(await bars.count()).toBe(6)
  await screenshot(keeper, 'station-visits-07-chart-month')
})
