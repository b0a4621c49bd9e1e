import type { Page } from 'playwright-core'
import { applyForm } from '../utils/membership'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/**
 * 会籍转移: an approved member of 乐陵市人民医院工会 changes job to 泰山体育, asks to move; the staff of the
 * RECEIVING union (泰山体育) approve it from their 工作台; the member's card then names the new union, same number.
 */
const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `transfer-${name}`)

const form = applyForm({ employer: '乐陵市人民医院', occupation: '护工' })

const api = (path: string, body: unknown, token?: string) => gatewayCall(appUrl(), path, body, token)
const login = async (openid: string) => (await api('/api/dev/login', { openid })).token as string

/** Joining is another journey's subject: done over the API here. */
async function approvedWorker(): Promise<string> {
  const worker = await login('demo-worker')
  const staff = await login('demo-staff')
  const app = await api('/api/membership', { action: 'apply', data: form }, worker)
  const done = await api('/api/membership', { action: 'review', data: { id: app.id, decision: 'approve' } }, staff)
  return done.memberNo as string
}

const goto = (page: Page, route: string) => page.goto(page.url().replace(/#.*$/, '') + '#' + route)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()

test('a member asks to move to their new employer’s union; that union approves; the card shows the new union', async () => {
  const memberNo = await approvedWorker()

  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await goto(worker, '/pages/membership/index/index')
  await worker.locator('.membership__transfer').click()
  await worker.locator('.field--toEmployer input').waitFor()
  await expectText(worker, '.transfer__org', '乐陵市人民医院工会')
  await shot(worker, '01-form')

  // The same union is refused, on the field.
  await worker.locator('.field--toEmployer input').fill('乐陵市人民医院')
  await worker.locator('.field--reason textarea').fill('调到泰山体育工作')
  await worker.locator('.transfer__submit').click()
  await confirmModal(worker)
  await expectText(worker, '.field--toEmployer', '无需转移')
  await shot(worker, '02-same-union')

  await worker.locator('.field--toEmployer input').fill('泰山体育产业集团有限公司')
  await worker.locator('.transfer__submit').click()
  await confirmModal(worker)
  await expectText(worker, '.transfer-status__badge', '待转入工会审核')
  await expectText(worker, '.transfer-status__route', '泰山体育产业集团有限公司工会')
  expect(await worker.locator('.transfer__form').count()).toBe(0)
  await shot(worker, '03-pending')

  // The receiving union's staff: a badge on the 工作台 tile, the transfer under 转入待审.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff-taishan')
  await staff.locator('.home__workbench').click()
  const tile = staff.locator('.workbench-tile', { hasText: '会籍转移' })
  await tile.locator('.workbench-tile__badge').waitFor()
  expect((await tile.locator('.workbench-tile__badge').textContent())?.trim()).toBe('1')
  await shot(staff, '04-workbench')
  await tile.click()
  await staff.locator('.transfer-item').first().waitFor()
  await expectText(staff, '.transfer-item__name', '王建国')
  await expectText(staff, '.transfer-item__no', memberNo)
  await shot(staff, '05-queue')
  await staff.locator('.transfer-item__approve').click()
  await confirmModal(staff)
  await expectText(staff, '.state-view__title', '没有待审核的转入申请')
  await staff.locator('.transfers__tab--done').click()
  await expectText(staff, '.transfer-item__status', '已转入')
  await expectText(staff, '.transfer-item', '周干事')
  await shot(staff, '06-done')

  // 统计 from the same 工作台: counts only, drawn as bars.
  await goto(staff, '/pages/membership/stats/index')
  await staff.locator('.stats__total').waitFor()
  expect((await staff.locator('.stats__total').textContent())?.trim()).toBe('1')
  await expectText(staff, '.bars--org', '泰山体育产业集团有限公司工会')
  expect(await staff.locator('.bars--month .bars__row').count()).toBe(12)
  await shot(staff, '09-stats')

  // The member: new union on the status page and the card, same member number; the timeline says so.
  await goto(worker, '/pages/membership/index/index')
  await expectText(worker, '.membership-status__org', '泰山体育产业集团有限公司工会')
  await expectText(worker, '.timeline', '会籍由乐陵市人民医院工会转入泰山体育产业集团有限公司工会')
  await shot(worker, '07-status')
  await goto(worker, '/pages/membership/card/index')
  await expectText(worker, '.member-card', '泰山体育产业集团有限公司工会')
  await expectText(worker, '.member-card', memberNo)
  await shot(worker, '08-card')
})
