import type { Page } from 'playwright-core'
import { checkDigit } from '../../src/contracts/membership/idcard'
import { expectText, screenshot, setUpPhones } from './harness'
import { applyForm } from '../utils/membership'

const { openPhone, signIn } = setUpPhones()

const LELING = { latitude: 37.7306, longitude: 117.2166 }
const TITLE = '关于开展2026年“金秋助学”活动的通知'
const BODY = '今年考入大学的职工子女，家庭困难的可申请助学金。\n请于8月31日前向所在单位工会提出申请。'

const shot = (page: Page, name: string) => screenshot(page, `messages-${name}`)
const origin = (page: Page) => new URL(page.url()).origin
const hashUrl = (page: Page, path: string) => page.url().replace(/#.*$/, '') + '#' + path

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

/** The gateway's API from the test itself, as another phone would call it. */
async function api(page: Page, openid: string, fn: string, action: string, data: unknown) {
  const base = origin(page)
  const login = await (
    await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
  ).json()
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.data.token}` },
    body: JSON.stringify({ action, data }),
  })
  return res.json()
}

test('staff publish an announcement; a worker sees it on home, opens it, and sees the nearest open station', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '通知公告' }).click()
  await staff.locator('.announcement-item').first().waitFor()
  await staff.locator('.announcements__publish').click()
  await staff.locator('.publish__submit').waitFor()

  // An empty form is explained field by field before anything is sent.
  await staff.locator('.publish__submit').click()
  await expectText(staff, '.field--title .field-error', '请填写标题')
  await expectText(staff, '.field--body .field-error', '请填写正文')
  await shot(staff, '01-publish-errors')

  await staff.locator('.field--title input').fill(TITLE)
  await staff.locator('.publish__body textarea').fill(BODY)
  // County staff may reach every worker; without the tick it goes to the county federation's members only.
  await staff.locator('.publish__audience').click()
  await shot(staff, '02-publish-form')
  await staff.locator('.publish__submit').click()
  await confirmModal(staff)
  await expectText(staff, '.announcement__title', TITLE)
  expect(await staff.locator('.announcement__withdraw').count()).toBe(1)
  await shot(staff, '03-published')

  const worker = await openPhone({ geolocation: LELING })
  await signIn(worker, 'demo-worker')
  await expectText(worker, '.home__notice-title', TITLE)
  // Location was already allowed: the card names the nearest station, open or saying when it opens.
  await worker.locator('.home__station--found').waitFor()
  expect(((await worker.locator('.home__station-name').textContent()) ?? '').trim()).not.toBe('')
  expect((await worker.locator('.home__station-open').textContent())?.trim()).toMatch(/^(营业中|.+ \d\d:\d\d 开门|已打烊|暂停开放)$/)
  expect(await worker.locator('.home__hotline-title').textContent()).toContain('12351')
  await shot(worker, '04-home')

  await worker.locator('.home__notice', { hasText: TITLE }).click()
  await expectText(worker, '.announcement__title', TITLE)
  await expectText(worker, '.announcement__body', '8月31日前')
  // A worker only reads: no edit or withdraw.
  expect(await worker.locator('.announcement__withdraw, .announcement__edit').count()).toBe(0)
  await shot(worker, '05-announcement')

  // Withdrawn, it leaves the list for everyone.
  await staff.locator('.announcement__withdraw').click()
  await confirmModal(staff)
  await worker.goto(hashUrl(worker, '/pages/messages/announcements/index'))
  await worker.locator('.announcement-item').first().waitFor()
  expect(await worker.locator('.announcement-item', { hasText: TITLE }).count()).toBe(0)
})

test('a phone without location gets the invitation card; a worker with no notices sees 暂无消息', async () => {
  const courier = await openPhone()
  await signIn(courier, 'demo-courier')
  await expectText(courier, '.home__station--off .home__station-desc', '开启定位，查看离您最近的驿站')
  await courier.goto(hashUrl(courier, '/pages/messages/index/index'))
  await expectText(courier, '.state-view__title', '暂无消息')
  await shot(courier, '06-inbox-empty')
})

test('a worker whose application is approved sees the unread badge in 我的 and reads it in 消息中心', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')

  // The real path: the worker applies, a county cadre approves; the approval queues the notice.
  const first17 = '37148119880512135'
  const applied = await api(worker, 'demo-worker', 'membership', 'apply', applyForm({ idNumber: first17 + checkDigit(first17) }))
  expect(applied.ok).toBe(true)
  const reviewed = await api(worker, 'demo-staff', 'membership', 'review', { id: applied.data.id, decision: 'approve' })
  expect(reviewed.ok).toBe(true)

  await worker.goto(hashUrl(worker, '/pages/me/index'))
  const entry = worker.locator('.me__item', { hasText: '消息中心' })
  await expectText(worker, '.me__badge', '1')
  await shot(worker, '07-me-badge')

  await entry.click()
  const item = worker.locator('.inbox-item--unread', { hasText: '入会申请已通过' })
  await item.waitFor()
  expect(await worker.locator('.inbox-item__dot').count()).toBe(1)
  await expectText(worker, '.inbox__summary', '1 条未读')
  await shot(worker, '08-inbox-unread')

  // Tapping reads it and opens the page it points to.
  await item.click()
  await worker.locator('.membership-status--approved').waitFor()
  await worker.locator('.taro-navigation-bar-back').click()
  await expectText(worker, '.inbox__summary', '全部已读')
  expect(await worker.locator('.inbox-item__dot').count()).toBe(0)
  await shot(worker, '09-inbox-read')

  await worker.locator('.taro-navigation-bar-back').click()
  await worker.locator('.me__item', { hasText: '消息中心' }).waitFor()
  await worker.waitForFunction(() => !document.querySelector('.me__badge'))
})
