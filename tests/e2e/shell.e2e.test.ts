import type { Page } from 'playwright-core'
import { checkDigit } from '../../src/contracts/membership/idcard'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'
import { applyForm } from '../utils/membership'

const { openPhone, signIn, appUrl } = setUpPhones()

const shot = (page: Page, name: string) => screenshot(page, `shell-${name}`)
const hashUrl = (path: string) => `${appUrl()}/#${path}`
const tabBadge = (page: Page) => page.locator('.taro-tabbar-badge')

/** One call as `openid`, the way another phone would make it. */
async function api(openid: string, fn: string, action: string, data: unknown = {}): Promise<any> {
  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid })
  return gatewayCall(appUrl(), `/api/${fn}`, { action, data }, token)
}

function applyInput(first17: string) {
  return applyForm({ idNumber: first17 + checkDigit(first17) })
}

/** Whether the element's whole box is inside the first screen (390×844 less nothing: the page scrolls inside). */
async function aboveTheFold(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox()
  return !!box && box.y >= 0 && box.y + box.height <= 844
}

test('我的: a header with the member status and the card shortcut, grouped entries, the unread count on the tab bar', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  const tab = (name: string) => worker.locator('.weui-tabbar__item', { hasText: name }).click()
  // Not a member yet: the header says so and offers to apply.
  await tab('我的')
  await expectText(worker, '.me__status', '还不是工会会员')
  await expectText(worker, '.me__card-link', '申请入会')
  expect(await tabBadge(worker).count()).toBe(0)

  // The worker applies and a county cadre approves: a member now, with the approval waiting unread.
  const applied = await api('demo-worker', 'membership', 'apply', applyInput('37148119880512135'))
  await api('demo-staff', 'membership', 'review', { id: applied.id, decision: 'approve' })

  // The tab bar carries the count from whichever tab page shows: here home.
  await tab('首页')
  await expectText(worker, '.taro-tabbar-badge', '1')
  await tab('我的')
  // The union the application went to (here the employer's own).
  await expectText(worker, '.me__status', `工会会员 · ${applied.org.name}`)
  await expectText(worker, '.me__card-link', '会员卡')
  expect(await worker.locator('.me__group-title').allTextContents()).toEqual(['我的服务', '个人信息与隐私', '工作人员', '帮助'])
  await expectText(worker, '.me__item .me__badge', '1')
  expect(await worker.locator('.me__group', { hasText: '个人信息与隐私' }).locator('.me__item').allTextContents()).toEqual([
    expect.stringContaining('个人信息'),
  ])
  await shot(worker, '01-me-member')

  // Reading the notice clears both counts.
  await worker.locator('.me__item', { hasText: '消息中心' }).click()
  await worker.locator('.inbox-item--unread').click()
  await worker.locator('.membership-status--approved').waitFor()
  await worker.locator('.taro-navigation-bar-back').click()
  await expectText(worker, '.inbox__summary', '全部已读')
  await worker.locator('.taro-navigation-bar-back').click()
  await worker.locator('.me__status').waitFor()
  await worker.waitForFunction(() => !document.querySelector('.me__badge') && !document.querySelector('.taro-tabbar-badge'))
  await shot(worker, '02-me-read')

  // The shortcut opens the card.
  await worker.locator('.me__card-link').click()
  await worker.waitForFunction(() => location.hash.startsWith('#/pages/membership/card/index'))
})

test('工作台: 待办 at the top for staff, lawyers and keepers, each line opening its page; the entry is on the first screen', async () => {
  // Something to review: one pending application.
  await api('demo-parent', 'membership', 'apply', { ...applyInput('37148119900101124'), name: '李秀梅', gender: '女' })
  const pending = (await api('demo-staff', 'membership', 'pendingCount')).count
  const newCases = (await api('demo-staff', 'legalAid', 'newCount')).count
  const transfers = (await api('demo-staff', 'membership', 'transferPendingCount')).count
  const reportsToStaff = (await api('demo-staff', 'stations', 'openReportCount')).count
  expect(pending).toBeGreaterThan(0)

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench-badge').waitFor()
  expect(await aboveTheFold(staff, '.home__workbench')).toBe(true)
  const total = pending + newCases + transfers + reportsToStaff
  expect(await staff.locator('.home__workbench-badge').textContent()).toContain(`${total} 项待办`)
  await shot(staff, '03-home-staff')

  // In 我的, staff find the 工作台 first, with the same count; it opens from there as from home.
  await staff.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await staff.locator('.me__item--workbench').waitFor()
  expect((await staff.locator('.me__group-title').allTextContents())[0]).toBe('工作人员')
  await expectText(staff, '.me__item--workbench', `${total} 项待办`)
  expect(await aboveTheFold(staff, '.me__item--workbench')).toBe(true)
  await shot(staff, '04a-me-staff')
  await staff.locator('.me__item--workbench').click()
  await staff.locator('.todo__item').first().waitFor()
  const lines = await staff.locator('.todo__text').allTextContents()
  expect(lines).toContain(`${pending} 份入会申请待审核`)
  if (newCases) expect(lines).toContain(`${newCases} 件法律援助申请待受理`)
  if (reportsToStaff) expect(lines).toContain(`${reportsToStaff} 条驿站反馈待回复`)
  // Nothing counted twice: the lines add up to the total on home.
  expect(lines.reduce((n, l) => n + Number(l.match(/^\d+/)?.[0] ?? 0), 0)).toBe(total)
  // 待办 sits above every tile.
  const todo = (await staff.locator('.todo').boundingBox())!
  const firstTile = (await staff.locator('.workbench-tile').first().boundingBox())!
  expect(todo.y).toBeLessThan(firstTile.y)
  await shot(staff, '04-workbench-staff')

  await staff.locator('.todo__item', { hasText: '份入会申请待审核' }).click()
  await staff.waitForFunction(() => location.hash.startsWith('#/pages/membership/review/index'))

  // A lawyer's and a keeper's 待办 come from their own counts.
  const cases = (await api('demo-lawyer', 'legalAid', 'myCaseCount')).count
  const lawyer = await openPhone()
  await signIn(lawyer, 'demo-lawyer')
  await lawyer.locator('.home__workbench').waitFor()
  expect(await aboveTheFold(lawyer, '.home__workbench')).toBe(true)
  await lawyer.locator('.home__workbench').click()
  await expectText(lawyer, '.todo', cases ? `${cases} 件案件在办理` : '暂无待办')
  await shot(lawyer, '05-workbench-lawyer')

  const reports = (await api('demo-keeper', 'stations', 'openReportCount')).count
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await keeper.locator('.home__workbench').click()
  await expectText(keeper, '.todo', reports ? `${reports} 条驿站反馈待回复` : '暂无待办')
  if (reports) {
    await keeper.locator('.todo__item').first().click()
    await keeper.waitForFunction(() => location.hash.startsWith('#/pages/stations/reports/index'))
  }
})

test('account forms: errors appear after the first submit and leave as each field is fixed', async () => {
  const phone = await openPhone()
  await signIn(phone, 'demo-courier')
  await phone.goto(hashUrl('/pages/account/activate/index'))
  await phone.locator('.activate__submit').waitFor()
  expect(await phone.locator('.field-error').count()).toBe(0)

  await phone.locator('.activate__submit').click()
  await expectText(phone, '.field--code .field-error', '请输入激活码或邀请码')
  await shot(phone, '06-activate-errors')
  // A code of the right length is enough for its error to go, with no second tap.
  await phone.locator('.field--code input').fill('ab12cd')
  await phone.waitForFunction(() => !document.querySelector('.field--code .field-error'))
  await shot(phone, '07-activate-fixed')
  // The server's word on the code (no such invitation) goes beside the code, and leaves when the code is edited.
  await phone.locator('.activate__submit').click()
  await phone.locator('.field--code .field-error').waitFor()
  await phone.locator('.field--code input').fill('ab12ce')
  await phone.waitForFunction(() => !document.querySelector('.field--code .field-error'))

  const admin = await openPhone()
  await signIn(admin, 'demo-admin')
  await admin.goto(hashUrl('/pages/account/invite/index'))
  await admin.locator('.invite__submit').waitFor()
  await admin.locator('.invite__submit').click()
  await admin.locator('.field--role .field-error').waitFor()
  await shot(admin, '08-invite-errors')
  await admin.locator('.invite__roles .choice__item', { hasText: '驿站站长' }).click()
  await admin.waitForFunction(() => !document.querySelector('.field--role .field-error'))
  // The station is now what is missing, said at once since a submit was tried.
  await expectText(admin, '.field--stationId .field-error', '请选择驿站')

  // 组织架构: the same on the employer form, one field at a time.
  await admin.goto(hashUrl('/pages/orgs/employer/index'))
  await admin.locator('.org-employer-edit__save').waitFor()
  expect(await admin.locator('.field-error').count()).toBe(0)
  await admin.locator('.org-employer-edit__save').click()
  await admin.locator('.field--name .field-error').waitFor()
  await admin.locator('.field--orgId .field-error').waitFor()
  await shot(admin, '09-employer-errors')
  await admin.locator('.field--name input').fill('城北机械厂')
  await admin.waitForFunction(() => !document.querySelector('.field--name .field-error'))
  // The union is still missing, and still says so.
  expect(await admin.locator('.field--orgId .field-error').count()).toBe(1)
  await shot(admin, '10-employer-one-fixed')
})
