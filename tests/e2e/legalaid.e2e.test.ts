import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `legalaid-${name}`)
const EMPLOYER = '乐陵市宏达建筑工程有限公司'
// a 1×1 PNG: the server sniffs its first bytes, so it must be a real one
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

async function openTile(page: Page, title: string): Promise<void> {
  await page.locator('.home__workbench').click()
  const tile = page.locator('.workbench-tile', { hasText: title })
  await tile.locator('.workbench-tile__badge').waitFor()
  await tile.click()
}

test('a worker submits with a photo, staff accepts and assigns, the lawyer messages, the worker sees timeline and message', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--legalAid').click()
  await worker.locator('.legal-home__apply').click()
  await worker.locator('.legal-apply__category--wage').click()
  await expectText(worker, '.legal-apply__guide', '工资条')
  await worker.locator('.field--employer input').fill(EMPLOYER)
  await worker.locator('.field--facts textarea').fill('2026 年 6 月起在工地做钢筋工，老板拖欠 4 个月工资至今未付。')
  await worker.locator('.field--claim textarea').fill('要求支付拖欠工资 24000 元。')
  await worker.locator('.field--phone input').fill('13912345678')
  const [chooser] = await Promise.all([worker.waitForEvent('filechooser'), worker.locator('.legal-apply__add-photo').click()])
  await chooser.setFiles({ name: '工资条.png', mimeType: 'image/png', buffer: PNG })
  await expectText(worker, '.legal-apply__file-name', '工资条.png')
  await shot(worker, '01-form')
  await worker.locator('.legal-apply__submit').click()
  await confirmModal(worker)
  await expectText(worker, '.legal-detail__status', '已提交')
  await expectText(worker, '.legal-detail__file', '工资条.png')
  await shot(worker, '02-submitted')

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await openTile(staff, '法援受理')
  const item = staff.locator('.legal-queue__item', { hasText: EMPLOYER })
  await item.waitFor()
  // masked in the list
  expect(await item.textContent()).toContain('139****5678')
  await shot(staff, '03-queue')
  await item.click()
  await staff.locator('.legal-chip--form-mediation').click()
  await staff.locator('.legal-detail__accept').click()
  await confirmModal(staff)
  await expectText(staff, '.legal-detail__status', '已受理')
  await staff.locator('.legal-detail__choose-lawyer').click()
  await staff.locator('.legal-detail__lawyer', { hasText: '陈律师' }).click()
  await confirmModal(staff)
  await expectText(staff, '.legal-detail__status', '已指派')
  // staff see the full phone; their read is logged
  await expectText(staff, '.legal-detail__facts', '13912345678')
  await shot(staff, '04-assigned')

  const lawyer = await openPhone()
  await signIn(lawyer, 'demo-lawyer')
  await openTile(lawyer, '我的案件')
  await lawyer.locator('.legal-queue__item', { hasText: EMPLOYER }).click()
  await lawyer.locator('.legal-detail__start').click()
  await expectText(lawyer, '.legal-detail__status', '办理中')
  await lawyer.locator('.legal-messages__input textarea').fill('您好，我是陈律师。请把考勤记录也拍照上传。')
  await lawyer.locator('.legal-messages__send').click()
  await expectText(lawyer, '.legal-message', '请把考勤记录也拍照上传')
  await shot(lawyer, '05-lawyer')

  // back to 我的法律援助 (the form was replaced by the case), which reloads on show, and into the case again
  await worker.locator('.taro-navigation-bar-back').click()
  await worker.locator('.legal-case', { hasText: EMPLOYER }).click()
  await expectText(worker, '.legal-detail__status', '办理中')
  await expectText(worker, '.legal-message', '请把考勤记录也拍照上传')
  expect(await worker.locator('.legal-timeline__item').count()).toBe(4)
  await expectText(worker, '.legal-timeline', '指派陈律师承办')
  // the worker's own view masks the phone
  expect(await worker.locator('.legal-detail__facts').textContent()).toContain('139****5678')
  await shot(worker, '06-worker-timeline')
  // the evidence opens through a short-lived token, as a two-minute storage link in the H5 previewer
  await worker.locator('.legal-detail__file', { hasText: '工资条.png' }).click()
  const img = worker.locator('.preview-image img[src*="/api/files/legal-aid/"]').first()
  await img.waitFor({ state: 'attached' })
  // the link really serves the photo
  await worker.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 1, await img.elementHandle())

  // the admin sees who looked
  const admin = await openPhone()
  await signIn(admin, 'demo-admin')
  await openTile(admin, '法援受理')
  await admin.locator('.legal-queue__item', { hasText: EMPLOYER }).click()
  await admin.locator('.legal-detail__access').click()
  await expectText(admin, '.legal-access__row', '刘干事')
  await expectText(admin, '.legal-access__row', '陈律师')
  await shot(admin, '07-access-log')

  // stats: plain bars, no names
  await admin.locator('.taro-navigation-bar-back').click()
  await admin.locator('.taro-navigation-bar-back').click()
  await admin.locator('.legal-queue__stats').click()
  await admin.locator('.legal-bars__bar').first().waitFor()
  const statsText = (await admin.locator('.legal-stats').textContent()) ?? ''
  for (const personal of ['王建国', '张师傅', '陈律师', EMPLOYER, '****']) expect(statsText).not.toContain(personal)
  await shot(admin, '08-stats')
})
