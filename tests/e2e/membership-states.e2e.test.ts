import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { applyForm, idFor } from '../utils/membership'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/**
 * 会籍状态 as people see them: a retained member's page and card, staff recording a 转出 and finding it under its
 * tab, the transferred member's card, and the yearly 半年无活动 list with a mark.
 */
const { openPhone, signIn, appUrl, dataDir } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `states-${name}`)
const on = (page: Page, selector: string, hasText?: string) => page.locator(`${selector} >> visible=true`, hasText ? { hasText } : {})
const goto = (page: Page, route: string) => page.goto(page.url().replace(/#.*$/, '') + '#' + route)
const api = (path: string, body: unknown, token?: string) => gatewayCall(appUrl(), path, body, token)
const login = async (openid: string) => (await api('/api/dev/login', { openid })).token as string

async function member(openid: string, seq: number, name: string): Promise<string> {
  const token = await login(openid)
  const staff = await login('demo-staff')
  const app = await api('/api/membership', { action: 'apply', data: applyForm({ idNumber: idFor(seq), name }) }, token)
  await api('/api/membership', { action: 'review', data: { id: app.id, decision: 'approve' } }, staff)
  return app.id as string
}

test('保留会籍 on the member’s page and card; staff record a 转出 and the member’s card says so; the 半年无活动 list takes a mark', async () => {
  const staffToken = await login('demo-staff')
  const keptId = await member('demo-worker', 901, '王建国')
  await api('/api/membership', { action: 'retain', data: { id: keptId, reason: 'retired', heldBy: 'own', note: '' } }, staffToken)
  const outId = await member('demo-courier', 903, '张师傅')
  const quietId = await member('e2e-quiet', 905, '周沉寂')
  // Seven months without activity: the journey cannot wait half a year, so the record is aged where it is stored.
  const store = new SqliteStore({ file: join(dataDir(), 'gonghui.db') })
  await store.update('applications', { _id: quietId }, { set: { activeAt: new Date(Date.now() - 214 * 24 * 3600_000).toISOString() } })
  await store.close()

  // The retained member: what they may still do, and the card.
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await goto(worker, '/pages/membership/index/index')
  await expectText(worker, '.membership-status__retained', '保留会籍（退休）')
  await expectText(worker, '.membership-status__retained', '可以为子女报名「仅限会员」的职工子女托管班')
  await shot(worker, '01-retained-page')
  await goto(worker, '/pages/membership/card/index')
  await expectText(worker, '.member-card__status', '保留会籍')
  await expectText(worker, '.member-card__standing', '保留会籍（退休）')
  await shot(worker, '02-retained-card')

  // Staff: the list tags the retained member; the courier is recorded as 转出 on the detail page.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await goto(staff, '/pages/membership/review/index')
  await on(staff, '.app-tabs__tab--approved').click()
  await on(staff, '.application-item', '王建国').waitFor()
  expect(await on(staff, '.application-item', '王建国').locator('.application-item__retained').textContent()).toBe('保留会籍')
  await shot(staff, '03-list-retained')
  await goto(staff, `/pages/membership/review-detail/index?id=${encodeURIComponent(outId)}`)
  await on(staff, '.application__transfer-out').click()
  await on(staff, '.reason-box--transfer-out .reason-box__confirm').click()
  await expectText(staff, '.reason-box--transfer-out', '转往的工会或单位至少 2 个字')
  await on(staff, '.reason-box--transfer-out textarea').fill('德州市德城区总工会')
  await shot(staff, '04-transfer-out-form')
  await on(staff, '.reason-box--transfer-out .reason-box__confirm').click()
  await on(staff, '.taro-model__confirm:visible').click()
  await expectText(staff, '.application__status', '已转出')
  await expectText(staff, '.application__transferred', '转出至德州市德城区总工会')
  await shot(staff, '05-transferred-detail')
  await goto(staff, '/pages/membership/review/index')
  await on(staff, '.app-tabs__tab--transferred_out').click()
  await on(staff, '.application-item', '张师傅').waitFor()
  await expectText(staff, '.application-item__status--transferred_out', '已转出')
  await shot(staff, '06-list-transferred')

  // The courier's card: no longer valid here, and where it went.
  const courier = await openPhone()
  await signIn(courier, 'demo-courier')
  await goto(courier, '/pages/membership/card/index')
  await expectText(courier, '.member-card-transferred', '会籍已转出，本卡不再有效')
  await expectText(courier, '.member-card-transferred', '德州市德城区总工会')
  await shot(courier, '07-transferred-card')

  // The yearly list: the quiet member only; a mark shows who and when, and the membership stays.
  await goto(staff, '/pages/membership/inactive/index')
  await on(staff, '.inactive-item', '周沉寂').waitFor()
  expect(await on(staff, '.inactive-item').count()).toBe(1)
  await shot(staff, '08-inactive-list')
  await on(staff, '.inactive-item', '周沉寂').locator('.inactive-item__keep').click()
  await expectText(staff, '.inactive-item__mark', '已核实，保留会籍 · 刘干事')
  await staff.waitForTimeout(1600) // the 「已标记保留」 toast would cover the row in the picture
  await shot(staff, '09-inactive-marked')
  const detail = await api('/api/membership', { action: 'getApplication', data: { id: quietId } }, staffToken)
  expect(detail.status).toBe('approved')
})
