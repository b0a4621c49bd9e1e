import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'
import { childId } from '../utils/childcare'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `childcare-priority-${name}`)
const TITLE = '新华街道寒假托管班'

/** Taro H5 keeps earlier pages in the DOM: aim at the page on screen. */
const on = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`)

test('优先名额: staff open a class with reserved places; a parent claims 困难职工子女 and books a reserved place; staff verify it on the roster; the parent is told', async () => {
  const day = (d: number) => new Date(Date.now() + 8 * 3600e3 + d * 86400e3).toISOString().slice(0, 10)
  const staffToken = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token as string
  const created = await gatewayCall(
    appUrl(),
    '/api/childcare',
    {
      action: 'upsertClass',
      data: {
        term: '寒假',
        title: TITLE,
        site: '新华街道职工之家',
        address: '乐陵市新华街道民生路 12 号',
        startDate: day(40),
        endDate: day(50),
        dailyHours: '08:30-17:30',
        gradeMin: 1,
        gradeMax: 6,
        capacity: 3,
        opensAt: new Date(Date.now() - 3600e3).toISOString(),
        closesAt: new Date(Date.now() + 20 * 86400e3).toISOString(),
        cancelBefore: `${day(39)}T00:00:00+08:00`,
        audience: 'all',
        allocation: 'fcfs',
        notice: '请按时接送孩子。',
        priority: { groups: ['gig', 'hardship'], places: 2, releaseAt: new Date(Date.now() + 5 * 86400e3).toISOString() },
      },
    },
    staffToken,
  )
  expect(created.id).toBeTruthy()

  const token = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-parent' })).token as string
  await gatewayCall(appUrl(), '/api/childcare', { action: 'giveConsent', data: { version: CHILD_RULES_VERSION, guardian: true } }, token)
  await gatewayCall(
    appUrl(),
    '/api/childcare',
    { action: 'saveChild', data: { name: '王小禾', gender: '女', idNumber: childId(252, 2019), grade: 2 } },
    token,
  )

  // The parent reads how many places are reserved, for whom, and when unused ones join the general pool.
  const parent = await openPhone()
  await signIn(parent, 'demo-parent')
  await parent.locator('.service-tile--childcare').click()
  await parent.locator('.cc-class', { hasText: TITLE }).click()
  await on(parent, '.cc-detail__book').waitFor()
  await expectText(parent, '.cc-priority__summary', '为新就业形态劳动者子女、困难职工子女预留 2 个名额，还剩 2 个')
  await expectText(parent, '.cc-priority__release', '未用完的优先名额并入普通名额')
  await expectText(parent, '.cc-rules', '核实未通过的，改按普通名额')
  await on(parent, '.cc-detail__child').filter({ hasText: '王小禾' }).click()
  await on(parent, '.cc-notice__read').click()
  for (let i = 0; i < 4; i++) await on(parent, `.cc-health__item--${i} .choice__item`).filter({ hasText: '是' }).click()
  await on(parent, '.cc-priority__group--hardship').click()
  await on(parent, '.cc-priority__claim').scrollIntoViewIfNeeded()
  await shot(parent, '01-claim')
  await on(parent, '.cc-detail__book').click()
  await expectText(parent, '.taro-modal__content', '申请优先名额：困难职工子女')
  await parent.locator('.taro-model__confirm:visible').click()
  await expectText(parent, '.cc-detail__result', '王小禾：预约成功（使用优先名额，「困难职工子女」资格待审核，工会核实后会通知您）')
  await shot(parent, '02-booked')

  // Staff see the claim on the roster and verify it.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(new URL('/#/pages/childcare/manage/index', staff.url()).toString())
  await staff.locator('.cc-managed', { hasText: TITLE }).click()
  await expectText(staff, '.cc-roster__priority', '优先名额 2 个，还剩 1 个 · 1 个待核实')
  await expectText(staff, '.cc-roster__claim--pending', '优先资格「困难职工子女」：待审核 · 占优先名额')
  await shot(staff, '03-roster-pending')
  await on(staff, '.cc-roster__approve').click()
  await expectText(staff, '.taro-modal__content', '确认符合「困难职工子女」条件')
  await staff.locator('.taro-model__confirm:visible').click()
  await expectText(staff, '.cc-roster__claim--verified', '优先资格「困难职工子女」：已核实 · 占优先名额')
  expect(await on(staff, '.cc-roster__approve').count()).toBe(0)
  await shot(staff, '04-roster-verified')

  // The parent sees where the claim stands and has the notice in 消息中心.
  await parent.goto(new URL('/#/pages/childcare/mine/index', parent.url()).toString())
  await expectText(parent, '.cc-booking__claim--verified', '优先资格「困难职工子女」：工会已核实 · 使用优先名额')
  await shot(parent, '05-mine')
  await parent.goto(new URL('/#/pages/messages/index/index', parent.url()).toString())
  await expectText(parent, '.inbox-item', `${TITLE}：王小禾 「困难职工子女」优先资格已核实`)
  await shot(parent, '06-inbox')

  // The class form shows the reservation as set; after opening it can no longer change.
  await staff.goto(new URL(`/#/pages/childcare/edit/index?id=${encodeURIComponent(created.id)}`, staff.url()).toString())
  await on(staff, '.cc-edit__priority-places').waitFor()
  await on(staff, '.cc-edit__priority-places').scrollIntoViewIfNeeded()
  await shot(staff, '07-form')
})
