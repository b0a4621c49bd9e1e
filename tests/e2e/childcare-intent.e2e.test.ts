import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'
import { childId } from '../utils/childcare'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `childcare-intent-${name}`)
const on = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`)
const OPEN = '.weui-picker__overlay:not([style*="display: none"])'

/** Opens the picker under `selector` and takes the wheel's first value (headless Chromium cannot turn Taro's wheels). */
async function pick(page: Page, selector: string): Promise<string> {
  await on(page, selector).click()
  const open = page.locator(OPEN)
  await open.locator('.weui-picker').waitFor()
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction((sel) => !document.querySelector(sel), OPEN)
  return ((await on(page, `${selector} .picker-box__text`).first().textContent()) ?? '').trim()
}

const TITLE = '意向测试托管班'

test('意向 → class → priority booking: a parent registers interest; staff see the demand and open a matching class with reserved places; the parent is told in 消息中心, opens the class from the message, claims 困难职工子女 and books; staff verify the claim; the parent is told', async () => {
  const token = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-parent' })).token as string
  await gatewayCall(appUrl(), '/api/childcare', { action: 'giveConsent', data: { version: CHILD_RULES_VERSION, guardian: true } }, token)
  await gatewayCall(
    appUrl(),
    '/api/childcare',
    { action: 'saveChild', data: { name: '陈小满', gender: '男', idNumber: childId(361, 2019), grade: 2 } },
    token,
  )

  // The parent finds 意向登记 on the childcare home page and registers the one child for the first season and area.
  const parent = await openPhone()
  await signIn(parent, 'demo-parent')
  await parent.locator('.service-tile--childcare').click()
  await on(parent, '.cc-list__intent').click()
  await on(parent, '.cc-intent__save').waitFor()
  // Saving with nothing chosen names the missing fields beside them.
  await on(parent, '.cc-intent__save').click()
  await expectText(parent, '.field--season .field-error', '请选择托管时段')
  const season = await pick(parent, '.cc-intent__season')
  const area = await pick(parent, '.cc-intent__area')
  await shot(parent, '01-form')
  await on(parent, '.cc-intent__save').click()
  await expectText(parent, '.cc-intent__item', `陈小满 · ${season}`)
  await expectText(parent, '.cc-intent__item', area)
  await expectText(parent, '.cc-intent__item', '等待开班')
  await shot(parent, '02-registered')

  // Staff see the count for that area, without names.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '托管意向统计' }).click()
  await expectText(staff, '.cc-demand__total', '共 1 人登记')
  await expectText(staff, '.cc-demand__row', `${area} · 1 人`)
  await expectText(staff, '.cc-demand__row', '二年级 1 人')
  expect(await staff.locator('.cc-demand').textContent()).not.toContain('陈小满')
  await shot(staff, '03-demand')

  // Staff open a class for that season and area, open for booking now, with 2 places reserved for 新就业形态劳动者子女 and
  // 困难职工子女 (through the API: the date wheels only give today).
  const staffToken = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token as string
  const demand = await gatewayCall(appUrl(), '/api/childcare', { action: 'intentDemand', data: {} }, staffToken)
  const picked = demand.seasons.find((s: { label: string }) => s.label === season)
  const areaId = demand.rows[0].areaId as string
  // in the season (same calendar year as its first day, so the class lands in the same season) and a few days ahead when it can
  const soon = new Date(Date.now() + 8 * 3600e3 + 3 * 86400e3).toISOString().slice(0, 10)
  const start: string = soon > picked.from && soon <= picked.to && soon.slice(0, 4) === picked.from.slice(0, 4) ? soon : picked.from
  const startAt = Date.parse(`${start}T00:00:00+08:00`)
  // booking opened an hour ago and closes the day before the class starts; unused reserved places join the pool before that
  const closesAt = startAt - 86400e3
  const releaseAt = Math.min(Date.now() + 5 * 86400e3, closesAt - 3600e3)
  const created = await gatewayCall(
    appUrl(),
    '/api/childcare',
    {
      action: 'upsertClass',
      data: {
        term: picked.term,
        title: TITLE,
        site: '职工之家',
        address: '乐陵市兴隆南大街 118 号',
        startDate: start,
        endDate: picked.to,
        dailyHours: '08:30-17:30',
        gradeMin: 1,
        gradeMax: 6,
        capacity: 30,
        opensAt: new Date(Date.now() - 3600e3).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        cancelBefore: new Date(startAt).toISOString(),
        audience: 'all',
        allocation: 'fcfs',
        notice: '请按时接送孩子。',
        areaId,
        priority: { groups: ['gig', 'hardship'], places: 2, releaseAt: new Date(releaseAt).toISOString() },
      },
    },
    staffToken,
  )
  expect(created.id).toBeTruthy()

  // The parent finds the message in 消息中心: booking is open now.
  await parent.goto(new URL('/#/pages/messages/index/index', parent.url()).toString())
  const told = on(parent, '.inbox-item').filter({ hasText: '您登记意向的托管班开班了' })
  await expectText(parent, '.inbox-item', TITLE)
  await expectText(parent, '.inbox-item', '现在已可报名')
  await expectText(parent, '.inbox-item__go', '查看详情')
  await shot(parent, '04-inbox')

  // Tapping it opens the class: the parent claims 困难职工子女, reads the 告家长书, declares the child's health and books.
  await told.click()
  await on(parent, '.cc-detail__book').waitFor()
  await expectText(parent, '.cc-priority__summary', '为新就业形态劳动者子女、困难职工子女预留 2 个名额，还剩 2 个')
  await on(parent, '.cc-detail__child').filter({ hasText: '陈小满' }).click()
  await on(parent, '.cc-notice__read').click()
  for (let i = 0; i < 4; i++) await on(parent, `.cc-health__item--${i} .choice__item`).filter({ hasText: '是' }).click()
  await on(parent, '.cc-priority__group--hardship').click()
  await on(parent, '.cc-priority__claim').scrollIntoViewIfNeeded()
  await shot(parent, '05-claim')
  await on(parent, '.cc-detail__book').click()
  await expectText(parent, '.taro-modal__content', '申请优先名额：困难职工子女')
  await parent.locator('.taro-model__confirm:visible').click()
  await expectText(parent, '.cc-detail__result', '陈小满：预约成功（使用优先名额，「困难职工子女」资格待审核，工会核实后会通知您）')
  await shot(parent, '06-booked')

  // Staff see the claim on the roster and verify it.
  await staff.goto(new URL('/#/pages/childcare/manage/index', staff.url()).toString())
  await staff.locator('.cc-managed', { hasText: TITLE }).click()
  await expectText(staff, '.cc-roster__priority', '优先名额 2 个，还剩 1 个 · 1 个待核实')
  await expectText(staff, '.cc-roster__claim--pending', '优先资格「困难职工子女」：待审核 · 占优先名额')
  await on(staff, '.cc-roster__approve').click()
  await expectText(staff, '.taro-modal__content', '确认符合「困难职工子女」条件')
  await staff.locator('.taro-model__confirm:visible').click()
  await expectText(staff, '.cc-roster__claim--verified', '优先资格「困难职工子女」：已核实 · 占优先名额')
  await shot(staff, '07-roster-verified')

  // The parent sees the claim verified in 我的预约 and has the notice in 消息中心.
  await parent.goto(new URL('/#/pages/childcare/mine/index', parent.url()).toString())
  await expectText(parent, '.cc-booking__claim--verified', '优先资格「困难职工子女」：工会已核实 · 使用优先名额')
  await shot(parent, '08-mine')
  await parent.goto(new URL('/#/pages/messages/index/index', parent.url()).toString())
  await expectText(parent, '.inbox-item', `${TITLE}：陈小满 「困难职工子女」优先资格已核实`)
  await expectText(parent, '.inbox-item', `${TITLE}：陈小满 预约成功`)
  // the opening notice was read when it was tapped
  expect(await on(parent, '.inbox-item--unread').filter({ hasText: '您登记意向的托管班开班了' }).count()).toBe(0)
  await shot(parent, '09-inbox')
})
