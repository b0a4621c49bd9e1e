import type { Page } from 'playwright-core'
import { beijingClock, beijingDay, addDays } from '../../src/contracts/time'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `station-seasons-${name}`)
const on = (page: Page, selector: string, hasText?: string) => page.locator(`${selector} >> visible=true`, hasText ? { hasText } : {})

// Every picker's overlay is in the DOM, hidden until opened (see childcare-pickers.e2e.test.ts).
const OPEN = '.weui-picker__overlay:not([style*="display: none"])'
/** Opens the date picker under `selector` and takes the day the wheel opens on: Beijing's today. */
async function pick(page: Page, selector: string): Promise<void> {
  await on(page, selector).click()
  const open = page.locator(OPEN)
  await open.locator('.weui-picker').waitFor()
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction((sel) => !document.querySelector(sel), OPEN)
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Usual hours that are closed right now, whatever the time the test runs: half an hour starting two hours on. */
function closedNowHours(): string {
  const h = (Math.floor(beijingClock(new Date()).minutes / 60) + 2) % 24
  return `${pad(h)}:00-${pad(h)}:30`
}

const staffToken = async () => (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token as string
const createStation = async (data: Record<string, unknown>) =>
  (await gatewayCall(appUrl(), '/api/stations', { action: 'upsert', data: { amenities: ['water'], phone: '', ...data } }, await staffToken()))
    .id as string

async function searchAsWorker(page: Page, name: string) {
  await page.goto(page.url().split('#')[0] + '#/pages/stations/list/index')
  await page.locator('.station-search input').first().fill(name)
  await page.locator('.station-search__submit').click()
}

test('staff give a station 送清凉 hours for today and a last day; the worker sees it open by the summer hours', async () => {
  const hours = closedNowHours()
  const id = await createStation({ name: '送清凉测试驿站', address: '乐陵市送清凉路 1 号', lat: 37.731, lng: 117.219, hours })
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(staff.url().split('#')[0] + `#/pages/stations/edit/index?id=${encodeURIComponent(id)}`)
  await on(staff, '.station-edit__assessment').waitFor()

  // The self-assessment counts the basics as they are ticked: water only so far.
  await expectText(staff, '.station-edit__completeness-text', '基本条件 1/8 项')
  await on(staff, '.station-edit__area input').fill('20')
  await on(staff, '.station-edit__ground .choice__item', '是').click()
  await on(staff, '.station-edit__street .choice__item', '是').click()
  await expectText(staff, '.station-edit__completeness-text', '基本条件 4/8 项，缺：桌椅、微波炉、医药箱、风扇或空调')

  await pick(staff, '.station-edit__valid-to')
  const today = beijingDay()
  await expectText(staff, '.station-edit__valid-to .picker-box__text', today)
  await on(staff, '.station-edit__season-add').click()
  await pick(staff, '.station-edit__season-from')
  await pick(staff, '.station-edit__season-to')
  await on(staff, '.station-edit__season-hours input').fill('24小时')
  await shot(staff, '01-staff-edit')
  await on(staff, '.station-edit__save').click()
  await on(staff, '.workbench__title')
    .waitFor({ timeout: 15000 })
    .catch(() => undefined)

  // The worker: open by the season though the usual hours are closed now.
  const worker = await openPhone()
  await signIn(worker, 'demo-courier')
  await searchAsWorker(worker, '送清凉测试')
  await expectText(worker, '.station-card__name', '送清凉测试驿站')
  await expectText(worker, '.station-card .open-badge', '营业中')
  await expectText(worker, '.station-card__hours-text', '24小时')
  await on(worker, '.station-card', '送清凉测试驿站').click()
  await expectText(worker, '.station-detail__hours', '24小时')
  await expectText(worker, '.station-detail__seasons', '送清凉')
  await expectText(worker, '.station-detail__seasons', `其余日子 ${hours}`)
  await expectText(worker, '.station-detail__valid', `开放至 ${today}`)
  await shot(worker, '02-worker-detail')
})

test("a station past its last day is gone from the worker's list; staff still see it marked 已到期", async () => {
  const yesterday = addDays(beijingDay(), -1)
  await createStation({ name: '已到期测试驿站', address: '乐陵市到期路 1 号', lat: 37.733, lng: 117.221, hours: '24小时', validTo: yesterday })
  await createStation({ name: '未到期测试驿站', address: '乐陵市到期路 2 号', lat: 37.734, lng: 117.222, hours: '24小时' })
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await searchAsWorker(worker, '到期测试')
  await expectText(worker, '.station-card__name', '未到期测试驿站')
  expect(await on(worker, '.station-card__name', '已到期测试驿站').count()).toBe(0)
  await shot(worker, '03-worker-list')

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(staff.url().split('#')[0] + '#/pages/stations/manage/index')
  await on(staff, '.search-bar input').first().fill('已到期测试')
  await on(staff, '.search-bar__go').click()
  await expectText(staff, '.managed-station__name', '已到期测试驿站')
  await expectText(staff, '.managed-station .open-badge', '已到期')
  await expectText(staff, '.managed-station__valid', `已于 ${yesterday} 到期`)
  await expectText(staff, '.workbench__assessment-title', '符合全部基本条件')
  await shot(staff, '04-staff-manage')
})

test('an import that does not say its map is read as 高德/腾讯 and says so; choosing 百度 converts and says that', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-staff')
  await page.goto(page.url().split('#')[0] + '#/pages/stations/import/index')
  // 百度 coordinates of 乐陵 兴隆南大街 (GCJ-02 37.7289, 117.2178).
  await on(page, '.import-text textarea').fill('名称,地址,纬度,经度,开放时间\n百度坐标驿站,乐陵市百度路 1 号,37.73503,117.22435,08:00-20:00')
  await on(page, '.import-preview').click()
  await expectText(page, '.import-report__coords', '按高德/腾讯地图坐标导入')
  await shot(page, '05-import-assumed')
  await on(page, '.import-coords__choice .choice__item', '百度地图').click()
  await on(page, '.import-preview').click()
  await expectText(page, '.import-report__coords', '按您选择的百度地图坐标导入，已换算为高德/腾讯地图坐标保存')
  await shot(page, '06-import-bd09')
  await on(page, '.import-submit').click()
  await on(page, '.taro-model__confirm:visible').click()
  await expectText(page, '.import-report__title', '导入结果')
  const token = await staffToken()
  const found = await gatewayCall(appUrl(), '/api/stations', { action: 'search', data: { keyword: '百度坐标驿站' } }, token)
  expect(found.items[0].lat).toBeCloseTo(37.7289, 3)
  expect(found.items[0].lng).toBeCloseTo(117.2178, 3)
})
