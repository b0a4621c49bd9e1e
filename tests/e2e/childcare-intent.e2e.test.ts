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

test('意向登记: a parent registers interest; staff see the demand; a matching class is opened; the parent is told first in 消息中心', async () => {
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

  // Staff open a class for that season and area (through the API: the date wheels only give today).
  const staffToken = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token as string
  const demand = await gatewayCall(appUrl(), '/api/childcare', { action: 'intentDemand', data: {} }, staffToken)
  const picked = demand.seasons.find((s: { label: string }) => s.label === season)
  const areaId = demand.rows[0].areaId as string
  // in the season (same calendar year as its first day, so the class lands in the same season) and a few days ahead when it can
  const soon = new Date(Date.now() + 8 * 3600e3 + 3 * 86400e3).toISOString().slice(0, 10)
  const start: string = soon > picked.from && soon <= picked.to && soon.slice(0, 4) === picked.from.slice(0, 4) ? soon : picked.from
  const startAt = Date.parse(`${start}T00:00:00+08:00`)
  const created = await gatewayCall(
    appUrl(),
    '/api/childcare',
    {
      action: 'upsertClass',
      data: {
        term: picked.term,
        title: '意向测试托管班',
        site: '职工之家',
        address: '乐陵市兴隆南大街 118 号',
        startDate: start,
        endDate: picked.to,
        dailyHours: '08:30-17:30',
        gradeMin: 1,
        gradeMax: 6,
        capacity: 30,
        opensAt: new Date(startAt - 20 * 86400e3).toISOString(),
        closesAt: new Date(startAt - 86400e3).toISOString(),
        cancelBefore: new Date(startAt).toISOString(),
        audience: 'all',
        allocation: 'fcfs',
        areaId,
      },
    },
    staffToken,
  )
  expect(created.id).toBeTruthy()

  // The parent finds the message in 消息中心, and the registration says it was told.
  await parent.goto(new URL('/#/pages/messages/index/index', parent.url()).toString())
  await expectText(parent, '.inbox-item', '您登记意向的托管班开班了')
  await expectText(parent, '.inbox-item', '意向测试托管班')
  await shot(parent, '04-inbox')
})
