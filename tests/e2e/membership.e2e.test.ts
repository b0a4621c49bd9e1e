import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { checkDigit, maskIdNumber } from '../../src/contracts/membership/idcard'
import { expectText, screenshot, setUpPhones } from './harness'

// 乐陵 (371481), born 1990-03-07, sequence 123: odd, so the holder is male.
const FIRST17 = '37148119900307123'
const ID_NUMBER = FIRST17 + checkDigit(FIRST17)
const WRONG_CHECK_DIGIT = FIRST17 + (checkDigit(FIRST17) === '0' ? '1' : '0')
const PHONE = '13812345678'

const { openPhone, signIn } = setUpPhones()

const shot = (page: Page, name: string) => screenshot(page, `membership-${name}`)

/** Taro's H5 Picker opens a sheet; 确定 takes the row it opened on (the first row for an empty field). */
async function confirmPicker(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  // The open sheet's overlay has no size of its own (its children are fixed), so find it by its style.
  const open = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction(() => !document.querySelector('.weui-picker__overlay:not([style*="display: none"])'))
}

/** Taro's H5 showModal is a DOM dialog; its confirm button is the one on screen. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

async function openApplyForm(page: Page): Promise<void> {
  await page.locator('.service-tile--membership').click()
  await page.locator('.membership-intro__apply').click()
  await page.locator('.apply__submit').waitFor()
}

async function fillForm(page: Page, idNumber: string): Promise<string> {
  await page.locator('.apply__name input').fill('王建国')
  await page.locator('.apply__id-number input').fill(idNumber)
  await confirmPicker(page, '.apply__ethnicity')
  // WeChat's phone check, as the H5 本地演示 plays it: the number goes to the gateway, the form keeps a verification.
  await page.locator('.apply__phone .field--phone input').fill(PHONE)
  await page.locator('.apply__phone .phone-verify__simulate').click()
  await page.locator('.apply__phone-masked').waitFor()
  await confirmPicker(page, '.apply__education')
  await confirmPicker(page, '.apply__political')
  const employer = page.locator('.apply__employer-chip').first()
  const employerName = ((await employer.textContent()) ?? '').trim()
  await employer.click()
  await page.locator('.apply__occupation input').fill('装配工')
  await confirmPicker(page, '.apply__region')
  await page.locator('.apply__hukou .choice__item').first().click()
  await confirmPicker(page, '.apply__new-employment')
  await page.locator('.apply__consent').click()
  return employerName
}

function countApplyCalls(page: Page): () => number {
  let n = 0
  page.on('request', (r) => {
    if (r.url().endsWith('/api/membership') && (r.postData() ?? '').includes('"action":"apply"')) n++
  })
  return () => n
}

test('a wrong check digit is explained under 身份证号 and nothing is sent', async () => {
  const page = await openPhone()
  const applyCalls = countApplyCalls(page)
  await signIn(page, 'demo-worker')
  await openApplyForm(page)
  await fillForm(page, WRONG_CHECK_DIGIT)

  await page.locator('.apply__submit').click()
  const error = page.locator('.field--idNumber .field-error')
  await error.waitFor()
  expect((await error.textContent())?.trim()).toBe('身份证号校验位不正确，请核对是否输错')
  // Only that field is wrong, and no confirmation was asked for, let alone a request sent.
  expect(await page.locator('.field--invalid').count()).toBe(1)
  expect(await page.locator('.taro-model__confirm:visible').count()).toBe(0)
  await shot(page, '01-bad-id-number')
  await page.waitForTimeout(300)
  expect(applyCalls()).toBe(0)
})

test('a worker applies, staff approves, and the worker shows a member card with a QR code', async () => {
  // The worker fills in the form and sees where it went.
  const worker = await openPhone()
  const applyCalls = countApplyCalls(worker)
  await signIn(worker, 'demo-worker')
  await openApplyForm(worker)
  const employer = await fillForm(worker, ID_NUMBER)
  expect(employer).not.toBe('')
  await shot(worker, '02-form')
  await worker.locator('.apply__submit').click()
  await confirmModal(worker)

  await worker.locator('.membership-status--pending').waitFor()
  expect((await worker.locator('.membership-status__badge').textContent())?.trim()).toBe('待审核')
  const orgName = ((await worker.locator('.membership-status__org').textContent()) ?? '').trim()
  // The employer offered as a suggestion has its own union, so the application goes straight there.
  expect(orgName).toContain(employer.replace(/有限公司$/, ''))
  expect(orgName).toMatch(/工会$/)
  expect(await worker.locator('.timeline__item').count()).toBeGreaterThanOrEqual(1)
  await shot(worker, '03-pending')
  expect(applyCalls()).toBe(1)

  // A county cadre opens the review queue from the workbench and approves it.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '入会审核' }).locator('.workbench-tile__badge').waitFor()
  await shot(staff, '04-workbench')
  await staff.locator('.workbench-tile', { hasText: '入会审核' }).click()
  const item = staff.locator('.application-item', { hasText: '王建国' })
  await item.waitFor()
  expect((await item.locator('.application-item__id').textContent())?.trim()).toBe(`身份证 ${maskIdNumber(ID_NUMBER)}`)
  expect((await item.locator('.application-item__org').textContent())?.trim()).toBe(orgName)
  expect(await staff.content()).not.toContain(ID_NUMBER)
  await shot(staff, '05-review-queue')

  await item.click()
  await staff.locator('.application__approve').click()
  await confirmModal(staff)
  await staff.locator('.application__status--approved').waitFor()
  const memberNo = ((await staff.locator('.application__member-no').textContent()) ?? '').replace('会员编号', '').trim()
  expect(memberNo).toMatch(/^\d{10,}$/)
  await shot(staff, '06-approved')

  // Back on the worker's phone: the status page now offers the card.
  await worker.locator('.taro-navigation-bar-back').click()
  await worker.locator('.service-tile--membership').click()
  await worker.locator('.membership__card').click()
  await worker.locator('.member-card__no').waitFor()
  expect((await worker.locator('.member-card__no').textContent())?.trim()).toBe(memberNo)
  expect((await worker.locator('.member-card__name').textContent())?.trim()).toBe('王建国')
  expect((await worker.locator('.member-card__org').textContent())?.trim()).toBe(orgName)
  const qr = worker.locator('.member-card__qr img')
  await qr.waitFor()
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png/)
  await shot(worker, '07-card')

  // The cadre exports the member list: a download of a real workbook, the new member in it with the ID masked.
  await staff.locator('.taro-navigation-bar-back').click()
  await staff.locator('.applications__export').click()
  const [download] = await Promise.all([staff.waitForEvent('download'), confirmModal(staff)])
  expect(download.suggestedFilename()).toMatch(/^会员名单-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  const row = wb.getWorksheet('会员名单')!.getColumn(1).values.indexOf(memberNo)
  expect(row).toBeGreaterThan(1)
  expect(wb.getWorksheet('会员名单')!.getRow(row).values).toEqual(expect.arrayContaining(['王建国', maskIdNumber(ID_NUMBER)]))
  await expectText(staff, '.taro__toast', '名会员')
})
