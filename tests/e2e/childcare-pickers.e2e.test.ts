import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'
import { childId } from '../utils/childcare'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `childcare-pickers-${name}`)
// Every picker on the page has its overlay in the DOM, hidden with display: none until opened; the open overlay
// itself has no height (its sheet is positioned), so it is found by its style, not by visibility.
const OPEN = '.weui-picker__overlay:not([style*="display: none"])'

/**
 * Opens the picker under `selector` and taps 确定 on what the wheel shows. Headless Chromium does not turn Taro's
 * H5 wheels (neither synthetic touches nor mouse drags move them), so the journey takes each wheel's first
 * value: today for a day (the wheels start at today), the field's default time, the first grade.
 */
async function pick(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  const open = page.locator(OPEN)
  await open.locator('.weui-picker').waitFor()
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction((sel) => !document.querySelector(sel), OPEN)
}

const text = (page: Page, selector: string) => page.locator(`${selector} .picker-box__text`).first().textContent()

test('staff create a class with the date, time and grade pickers; a parent books it and reads the message in 消息中心', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '托管班管理' }).click()
  await staff.locator('.cc-manage__new').click()

  // Saving an empty form names every missing field beside it, pickers included.
  await staff.locator('.cc-edit__save').click()
  await expectText(staff, '.field--startDate .field-error', '请填写开班日期')
  await expectText(staff, '.field--gradeMin .field-error', '请选择最低年级')
  await expectText(staff, '.field--opensAt .field-error', '请填写开放报名时间')
  await shot(staff, '01-empty-errors')

  await expectText(staff, '.field--term .field-error', '请选择托管类型')
  await staff.locator('.cc-edit__term .choice__item', { hasText: '寒假' }).click()
  await staff.locator('.cc-edit__title input').fill('南城街道寒假托管班')
  await staff.locator('.cc-edit__site input').fill('南城街道职工之家')
  await staff.locator('.cc-edit__address input').fill('乐陵市南城街道振兴路 9 号')
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
  await pick(staff, '.cc-edit__start')
  const start = (await text(staff, '.cc-edit__start'))!.trim()
  expect(start).toBe(today)
  await pick(staff, '.cc-edit__end')
  const end = (await text(staff, '.cc-edit__end'))!.trim()
  expect(end).toBe(today)
  expect(await staff.locator('.field--startDate .field-error').count()).toBe(0)

  // Grades by name, not numbers.
  await pick(staff, '.cc-edit__grade-min')
  await pick(staff, '.cc-edit__grade-max')
  expect(await text(staff, '.cc-edit__grade-min')).toBe('一年级')
  expect(await text(staff, '.cc-edit__grade-max')).toBe('一年级')

  // Day and time: the time wheel waits for the day, then shows the field's default.
  await expectText(staff, '.cc-edit__opens .datetime-picker__time', '先选日期')
  await pick(staff, '.cc-edit__opens .datetime-picker__day')
  expect(await text(staff, '.cc-edit__opens .datetime-picker__time')).toBe('09:00')
  await pick(staff, '.cc-edit__opens .datetime-picker__time')
  await pick(staff, '.cc-edit__closes .datetime-picker__day')
  expect(await text(staff, '.cc-edit__closes .datetime-picker__time')).toBe('18:00')
  await pick(staff, '.cc-edit__cancel .datetime-picker__day')
  expect(await text(staff, '.cc-edit__cancel .datetime-picker__time')).toBe('00:00')
  await staff.locator('.cc-edit__capacity input').fill('2')
  await shot(staff, '02-filled')
  expect(await staff.locator('.field-error').count()).toBe(0)
  await staff.locator('.cc-edit__save').click()
  const card = staff.locator('.cc-managed', { hasText: '南城街道寒假托管班' })
  await card.waitFor()
  await expectText(staff, '.cc-managed .cc-term', '寒假')
  await expectText(staff, '.cc-managed', `${start.slice(5)} 至 ${end.slice(5)} · 08:30-17:30 · 一年级`)
  await shot(staff, '03-managed')

  // Editing loads the values back into the pickers.
  await card.locator('.cc-managed__edit').click()
  await expectText(staff, '.cc-edit__start .picker-box__text', start)
  expect(await text(staff, '.cc-edit__grade-max')).toBe('一年级')
  expect(await text(staff, '.cc-edit__opens .datetime-picker__time')).toBe('09:00')
  await shot(staff, '04-edit-loaded')

  // Booking opens at 09:00 and closes at 18:00 today by what the wheels gave; so that the parent's half runs at any
  // hour, the staff member's own API call moves the window around now (everything else as saved on the form).
  const staffToken = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })).token as string
  const saved = await gatewayCall(appUrl(), '/api/childcare', { action: 'managedClasses', data: {} }, staffToken)
  const made = saved.items.find((c: { title: string }) => c.title === '南城街道寒假托管班')
  const full = await gatewayCall(appUrl(), '/api/childcare', { action: 'getClass', data: { id: made.id } }, staffToken)
  const {
    id: classId,
    term,
    title,
    site,
    address,
    startDate,
    endDate,
    dailyHours,
    gradeMin,
    gradeMax,
    capacity,
    cancelBefore,
    audience,
    allocation,
    fee,
    description,
  } = full
  await gatewayCall(
    appUrl(),
    '/api/childcare',
    {
      action: 'upsertClass',
      data: {
        id: classId,
        term,
        title,
        site,
        address,
        startDate,
        endDate,
        dailyHours,
        gradeMin,
        gradeMax,
        capacity,
        cancelBefore,
        audience,
        allocation,
        fee,
        description,
        notice: full.notice.text,
        opensAt: new Date(Date.now() - 3600e3).toISOString(),
        closesAt: new Date(Date.now() + 86400e3).toISOString(),
      },
    },
    staffToken,
  )

  // A parent with a child on record books the new class and finds the message in 消息中心.
  const login = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-parent' })
  const token = login.token as string
  await gatewayCall(appUrl(), '/api/childcare', { action: 'giveConsent', data: { version: CHILD_RULES_VERSION, guardian: true } }, token)
  await gatewayCall(
    appUrl(),
    '/api/childcare',
    { action: 'saveChild', data: { name: '赵小雨', gender: '女', idNumber: childId(248, 2019), grade: 1 } },
    token,
  )
  const parent = await openPhone()
  await signIn(parent, 'demo-parent')
  await parent.locator('.service-tile--childcare').click()
  await parent.locator('.cc-class', { hasText: '南城街道寒假托管班' }).click()
  await parent.locator('.cc-detail__book').waitFor()
  await parent.locator('.cc-detail__child', { hasText: '赵小雨' }).click()
  // 告家长书 and the health declaration come before the booking: tapping 报名 without them names what is missing.
  await expectText(parent, '.cc-notice__text', '请按时接送孩子')
  await parent.locator('.cc-detail__book').click()
  await expectText(parent, '.cc-notice .field-error', '请先阅读告家长书')
  await expectText(parent, '.cc-health .field-error', '请逐项选择')
  await shot(parent, '05a-declaration-missing')
  await parent.locator('.cc-notice__read').click()
  for (let i = 0; i < 4; i++) await parent.locator(`.cc-health__item--${i} .choice__item`, { hasText: i === 2 ? '否' : '是' }).click()
  await parent.locator('.cc-detail__book').click()
  await expectText(parent, '.cc-health .field-error', '有选「否」的项目')
  await parent.locator('.cc-health__note textarea').fill('对花生过敏')
  await shot(parent, '05b-declaration-filled')
  await parent.locator('.cc-detail__book').click()
  await parent.locator('.taro-model__confirm:visible').click()
  await expectText(parent, '.cc-detail__result', '赵小雨：预约成功')
  await shot(parent, '05-booked')
  await parent.goto(new URL('/#/pages/messages/index/index', parent.url()).toString())
  await expectText(parent, '.inbox-item', '托管班预约成功')
  await expectText(parent, '.inbox-item', '南城街道寒假托管班：赵小雨 预约成功')
  await shot(parent, '06-inbox')

  // Staff see the declaration on the roster, the 否 and the note in red.
  await staff.goto(new URL('/#/pages/childcare/manage/index', staff.url()).toString())
  await staff.locator('.cc-managed', { hasText: '南城街道寒假托管班' }).click()
  await expectText(staff, '.cc-roster__health--flagged', '否「孩子没有食物或药物过敏」；对花生过敏')
  await shot(staff, '07-roster-health')
})
