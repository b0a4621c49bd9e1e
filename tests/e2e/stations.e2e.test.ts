import type { Locator } from 'playwright-core'
import { AMENITIES } from '../../src/contracts/stations/amenities'
import { expectText, screenshot, setUpPhones } from './harness'

// 乐陵市 centre, as a phone's GPS (WGS-84) would report it; the app converts it to GCJ-02.
const LELING = { latitude: 37.7306, longitude: 117.2166 }
const AMENITY_LABELS = new Set<string>(AMENITIES.map((a) => a.label))

const { openPhone, signIn } = setUpPhones()

/** "850米" / "1.2公里" back to metres (display precision). */
function metres(text: string): number {
  const m = text.trim().match(/^([\d.]+)(米|公里)$/)
  if (!m) throw new Error(`not a distance: ${text}`)
  return Number(m[1]) * (m[2] === '公里' ? 1000 : 1)
}

function amenityLabels(scope: Locator): Promise<string[]> {
  return scope.locator('.amenity-badge__label').allTextContents()
}

test('a courier finds the nearest stations, sorted by distance, and opens one to see its amenities', async () => {
  const page = await openPhone({ geolocation: LELING })
  await signIn(page, 'demo-courier')

  await page.locator('.service-tile--stations').click()
  await page.locator('.station-card').first().waitFor()

  const distances = (await page.locator('.station-card__distance').allTextContents()).map(metres)
  expect(distances.length).toBeGreaterThanOrEqual(3)
  expect([...distances].sort((a, b) => a - b)).toEqual(distances)
  expect(distances[0]).toBeLessThan(5000)
  // Workers are not shown the coordinate system or raw coordinates (that is for staff and the import help).
  expect(await page.locator('.station-list').textContent()).not.toContain('GCJ-02')
  await screenshot(page, 'stations-01-nearby')

  const first = page.locator('.station-card').first()
  const name = (await first.locator('.station-card__name').textContent())?.trim() ?? ''
  const cardAmenities = await amenityLabels(first)
  expect(cardAmenities.length).toBeGreaterThan(0)
  await first.click()

  await page.locator('.station-detail__name').waitFor()
  expect((await page.locator('.station-detail__name').textContent())?.trim()).toBe(name)
  const detailAmenities = await amenityLabels(page.locator('.station-detail__amenities'))
  expect(detailAmenities).toEqual(cardAmenities)
  for (const label of detailAmenities) expect(AMENITY_LABELS.has(label)).toBe(true)
  expect(await page.locator('.station-detail .open-badge').count()).toBe(1)
  await screenshot(page, 'stations-02-detail')
  expect(await page.locator('.station-detail').textContent()).not.toMatch(/GCJ-02|坐标/)
  expect(await page.locator('.station-detail__amap').getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=[\d.]+,[\d.]+&name=/)
})

test('an amenity filter only shows stations that offer it', async () => {
  const page = await openPhone({ geolocation: LELING })
  await signIn(page, 'demo-courier')
  await page.locator('.service-tile--stations').click()
  await page.locator('.station-card').first().waitFor()

  const filtered = page.waitForResponse((r) => r.url().endsWith('/api/stations') && (r.request().postData() ?? '').includes('toilet'))
  await page.locator('.amenity-chip--toilet').click()
  await filtered
  await page.waitForFunction(() => !document.querySelector('.station-results--loading'))
  await expectText(page, '.station-filters__summary', '卫生间')
  const cards = page.locator('.station-card')
  const count = await cards.count()
  expect(count).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) {
    expect(await cards.nth(i).locator('.amenity-badge--toilet').count()).toBe(1)
  }
  await screenshot(page, 'stations-03-filtered')
})

test('with location refused, the list explains why and offers areas to pick from', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-courier')
  await page.locator('.service-tile--stations').click()

  await expectText(page, '.location-help', '需要您的位置才能找到最近的驿站')
  const area = page.locator('.area-option').first()
  await area.waitFor()
  await screenshot(page, 'stations-04-location-refused')
  const areaName = (await area.textContent())?.trim() ?? ''
  expect(areaName).not.toBe('')
  await area.click()

  await page.locator('.station-card').first().waitFor()
  await expectText(page, '.station-origin', areaName)
  const distances = (await page.locator('.station-card__distance').allTextContents()).map(metres)
  expect([...distances].sort((a, b) => a - b)).toEqual(distances)
})
