import { crc32, deflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()

const goto = (page: Page, route: string) => page.goto(page.url().replace(/#.*$/, '') + '#' + route)

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A camera-sized picture (2400×1600 PNG, sky over a red front): the app must shrink it before it travels. */
function cameraPhoto(width = 2400, height = 1600): Buffer {
  const row = (y: number) => {
    const px = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      const sky = y < height * 0.45
      px.set(sky ? [150, 200, 235] : x % 400 < 200 ? [200, 16, 46] : [240, 236, 228], 1 + x * 3)
    }
    return px
  }
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => row(y)))
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

async function openPhotoEditor(keeper: Page) {
  await goto(keeper, '/pages/stations/manage/index')
  await keeper.locator('.managed-station', { hasText: '市中街道办事处劳动者驿站' }).click()
  await keeper.locator('.station-photos').waitFor()
}

/** Widths of the loaded images under `selector` (0 for one not loaded yet). */
const loadedWidths = (page: Page, selector: string) =>
  page
    .locator(`${selector} img`)
    .evaluateAll((imgs) => imgs.map((i) => ((i as HTMLImageElement).complete ? (i as HTMLImageElement).naturalWidth : 0)))

/** Fills the station to 6 photos over the API, as the keeper's other phone would. */
async function fillUp(count: number) {
  const token = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-keeper' })).token
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 5)])
  for (let i = 0; i < count; i++) {
    const { cloudPath } = await gatewayCall(
      appUrl(),
      '/api/account',
      { action: 'uploadTarget', data: { kind: 'stationPhoto', name: 'x.jpg', size: jpeg.length } },
      token,
    )
    const put = await fetch(`${appUrl()}/api/upload/${cloudPath}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: new Uint8Array(jpeg),
    })
    const { fileId } = (await put.json()).data
    await gatewayCall(appUrl(), '/api/stations', { action: 'addPhoto', data: { stationId: 'st-shizhong', fileId } }, token)
  }
}

test('a keeper adds a photo, a courier sees it on the detail page, and the keeper deletes it after confirming', async () => {
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await openPhotoEditor(keeper)
  await expectText(keeper, '.station-photos__count', '0/6')
  await expectText(keeper, '.station-photos__add', '添加照片')

  // A file of the wrong type is explained before anything is uploaded.
  await keeper.locator('.station-photos__input').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') })
  await expectText(keeper, '.taro-modal__content', '照片只能是 jpg、png、webp 格式')
  await keeper.locator('.taro-model__confirm:visible').click()

  await keeper.locator('.station-photos__input').setInputFiles({ name: '门头.png', mimeType: 'image/png', buffer: cameraPhoto() })
  await keeper.locator('.station-photos__item').first().waitFor()
  await expectText(keeper, '.station-photos__count', '1/6')
  await expectText(keeper, '.station-photos__cover', '封面')
  await keeper.waitForFunction(() => (document.querySelector('.station-photos__thumb img') as HTMLImageElement | null)?.naturalWidth)
  // Shrunk on the phone: the long side is 1600 px, not the camera's 2400.
  expect(await loadedWidths(keeper, '.station-photos__thumb')).toEqual([1600])
  await screenshot(keeper, 'photos-01-keeper-added')

  const courier = await openPhone()
  await signIn(courier, 'demo-courier')
  await goto(courier, '/pages/stations/detail/index?id=st-shizhong')
  await courier.locator('.station-detail__photo').first().waitFor()
  expect(await courier.locator('.station-detail__photo').count()).toBe(1)
  await courier.waitForFunction(() => (document.querySelector('.station-detail__photo img') as HTMLImageElement | null)?.naturalWidth)
  expect(await loadedWidths(courier, '.station-detail__photo')).toEqual([1600])
  await screenshot(courier, 'photos-02-courier-detail')
  await courier.locator('.station-detail__photo').first().click()
  await courier.locator('.preview-image').waitFor()
  await courier.locator('.preview-image').click()

  // Cancelling keeps the photo; confirming deletes it.
  await keeper.locator('.station-photos__remove').first().click()
  await expectText(keeper, '.taro-modal__title', '删除这张照片？')
  await screenshot(keeper, 'photos-03-confirm-delete')
  await keeper.locator('.taro-model__cancel:visible').click()
  expect(await keeper.locator('.station-photos__item').count()).toBe(1)
  await keeper.locator('.station-photos__remove').first().click()
  await keeper.locator('.taro-model__confirm:visible').click()
  await keeper.waitForFunction(() => !document.querySelector('.station-photos__item'))
  await expectText(keeper, '.station-photos__count', '0/6')

  await courier.reload()
  await courier.locator('.station-detail__name').waitFor()
  await courier.locator('.station-detail__amenities').waitFor()
  expect(await courier.locator('.station-detail__photos').count()).toBe(0)
  await screenshot(courier, 'photos-04-courier-none')
})

test('at 6 photos 添加 is disabled with 「最多 6 张」; deleting one enables it again', async () => {
  await fillUp(6)
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await openPhotoEditor(keeper)
  await expectText(keeper, '.station-photos__count', '6/6')
  await expectText(keeper, '.station-photos__add--disabled', '最多 6 张')
  expect(await keeper.locator('.station-photos__input').count()).toBe(0)
  // Those files only start like a JPEG, so no browser can show them: each gets the grey tile, not a broken icon.
  await keeper.locator('.station-image--failed').first().waitFor()
  await screenshot(keeper, 'photos-05-full')
  await keeper.locator('.station-photos__remove').first().click()
  await keeper.locator('.taro-model__confirm:visible').click()
  await expectText(keeper, '.station-photos__count', '5/6')
  await keeper.locator('.station-photos__input').waitFor({ state: 'attached' })
})

test('the demo station nearest the centre shows its two seeded photos', async () => {
  const courier = await openPhone()
  await signIn(courier, 'demo-courier')
  await goto(courier, '/pages/stations/detail/index?id=st-abc')
  await courier.locator('.station-detail__photo').nth(1).waitFor()
  await courier.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('.station-detail__photo img')).every((i) => i.naturalWidth),
  )
  expect(await loadedWidths(courier, '.station-detail__photo')).toEqual([800, 800])
  await screenshot(courier, 'photos-06-demo-station')
})
