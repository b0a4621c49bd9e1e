import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'
import { childId } from '../utils/childcare'

const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `childcare-${name}`)
// Odd sequence: a boy.
const ID_NUMBER = childId(135, 2019)

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

async function confirmPicker(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  const open = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction(() => !document.querySelector('.weui-picker__overlay:not([style*="display: none"])'))
}

/** A class running today (Beijing), created through the API as the signed-in staff member, so check-in works. */
async function createRunningClass(staff: Page): Promise<string> {
  return staff.evaluate(async () => {
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
    const end = new Date(Date.now() + 8 * 3600e3 + 20 * 86400e3).toISOString().slice(0, 10)
    const login = await (
      await fetch('/api/dev/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'demo-staff' }),
      })
    ).json()
    const res = await fetch('/api/childcare', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.data.token}` },
      body: JSON.stringify({
        action: 'upsertClass',
        data: {
          title: '市中街道冬季托管班',
          site: '市中街道职工之家',
          address: '乐陵市市中街道迎宾路 5 号',
          startDate: today,
          endDate: end,
          dailyHours: '16:30-18:30',
          gradeMin: 1,
          gradeMax: 6,
          capacity: 20,
          opensAt: new Date(Date.now() - 3600e3).toISOString(),
          closesAt: new Date(Date.now() + 10 * 86400e3).toISOString(),
          cancelBefore: `${today}T00:00:00+08:00`,
          audience: 'all',
          allocation: 'fcfs',
          description: '放学后作业辅导。',
        },
      }),
    })
    return (await res.json()).data.id as string
  })
}

async function book(parent: Page, title: string): Promise<void> {
  await parent.locator('.cc-class', { hasText: title }).click()
  await parent.locator('.cc-detail__book').waitFor()
  await parent.locator('.cc-detail__child').first().click()
  await parent.locator('.cc-detail__book').click()
  await confirmModal(parent)
  await expectText(parent, '.cc-detail__result', '预约成功')
}

test('a parent adds a child, books, sees it in 我的预约, cancels; staff sees the roster change and checks the child in', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await createRunningClass(staff)

  const parent = await openPhone()
  await signIn(parent, 'demo-parent')
  await parent.locator('.service-tile--childcare').click()
  await parent.locator('.cc-class').first().waitFor()
  await shot(parent, '01-list')

  // 孩子信息: a wrong check digit is caught in the form; the right number is saved and shown masked.
  await parent.locator('.cc-list__children').click()
  await parent.locator('.cc-children__add').click()
  // 儿童个人信息处理规则 first: the form opens only after the guardian agrees; agreeing without the box is refused.
  await expectText(parent, '.cc-consent__title', '儿童个人信息处理规则')
  expect(await parent.locator('.cc-child-form__name').count()).toBe(0)
  await parent.locator('.cc-consent__agree').click()
  await expectText(parent, '.cc-consent .field-error', '请先勾选')
  await shot(parent, '02a-consent-refused')
  await parent.locator('.cc-consent__check').click()
  await shot(parent, '02b-consent-checked')
  await parent.locator('.cc-consent__agree').click()
  await parent.locator('.cc-child-form__name input').fill('李小宝')
  await parent.locator('.cc-child-form__id input').fill(ID_NUMBER.slice(0, 17) + (ID_NUMBER[17] === '0' ? '1' : '0'))
  await confirmPicker(parent, '.cc-child-form__grade')
  await parent.locator('.cc-child-form__save').click()
  await expectText(parent, '.field--idNumber .field-error', '身份证号校验位不正确')
  await shot(parent, '02-child-form-error')
  await parent.locator('.cc-child-form__id input').fill(ID_NUMBER)
  await parent.locator('.cc-child-form__save').click()
  await expectText(parent, '.cc-child', '李小宝')
  await expectText(parent, '.cc-children__consent', '以监护人身份同意')
  expect(await parent.locator('.cc-child').first().textContent()).toContain(`${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(14)}`)
  expect(await parent.content()).not.toContain(ID_NUMBER)
  await shot(parent, '03-children')
  await parent.locator('.taro-navigation-bar-back').click()

  // Book next summer's class, see it in 我的预约 with a check-in QR, then cancel it.
  await book(parent, '职工之家暑期托管班（第一期）')
  await shot(parent, '04-booked')
  await parent.locator('.cc-detail__go-mine').click()
  const booking = parent.locator('.cc-booking', { hasText: '职工之家暑期托管班（第一期）' })
  await booking.locator('.cc-booking__code').waitFor()
  expect(await booking.locator('.cc-qr img').getAttribute('src')).toMatch(/^data:image\/png/)
  await shot(parent, '05-mine')
  await booking.locator('.cc-booking__cancel').click()
  await confirmModal(parent)
  await expectText(parent, '.state-view', '还没有预约')
  await shot(parent, '06-cancelled')

  // Staff: the running class's roster is empty.
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '托管班管理' }).click()
  await staff.locator('.cc-managed', { hasText: '市中街道冬季托管班' }).click()
  await staff.locator('.cc-roster__summary').waitFor()
  expect(await staff.locator('.cc-roster__row').count()).toBe(0)

  // The freed season lets the child take the class running now.
  await parent.goto(new URL('/#/pages/childcare/index/index', parent.url()).toString())
  await book(parent, '市中街道冬季托管班')
  await parent.locator('.cc-detail__go-mine').click()
  const running = parent.locator('.cc-booking', { hasText: '市中街道冬季托管班' })
  await running.locator('.cc-booking__code').waitFor()
  const code = ((await running.locator('.cc-booking__code').textContent()) ?? '').trim()
  expect(code).toMatch(/^[A-Z0-9]{8}$/)

  // Staff reloads the roster, sees the child, checks in by the code, and the roster shows it.
  await staff.reload()
  await staff.locator('.cc-roster__row', { hasText: '李小宝' }).waitFor()
  await expectText(staff, '.cc-roster__row', '未签到')
  await shot(staff, '07-roster')
  await staff.locator('.cc-roster__checkin').click()
  await staff.locator('.cc-checkin__code input').fill(code)
  await staff.locator('.cc-checkin__submit').click()
  await expectText(staff, '.cc-checkin__result', '李小宝（市中街道冬季托管班）签到成功')
  await shot(staff, '08-checked-in')
  await staff.locator('.taro-navigation-bar-back').click()
  await expectText(staff, '.cc-roster__row', '今日已签到')
  await shot(staff, '09-roster-after')

  // The admin sees every one of those views of the children's records in the access log.
  const admin = await openPhone()
  await signIn(admin, 'demo-admin')
  await admin.locator('.home__workbench').click()
  await admin.locator('.workbench-tile', { hasText: '未成年人信息访问记录' }).click()
  await expectText(admin, '.cc-access__row', '刘干事（乐陵市总工会）签到（查看孩子）：市中街道冬季托管班，1 名孩子')
  await expectText(admin, '.cc-access__row', '查看花名册：市中街道冬季托管班')
  await shot(admin, '10-access-log')
})
