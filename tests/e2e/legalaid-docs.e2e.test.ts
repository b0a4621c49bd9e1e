import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `legalaid-docs-${name}`)
const EMPLOYER = '乐陵市鑫源纺织有限公司'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

async function openQueueCase(page: Page, employer: string): Promise<void> {
  await page.locator('.home__workbench').click()
  const tile = page.locator('.workbench-tile', { hasText: '法援受理' })
  await tile.locator('.workbench-tile__badge').waitFor()
  await tile.click()
  await page.locator('.legal-queue__item', { hasText: employer }).click()
}

test('补充材料 round trip: staff list two items once, the worker uploads against each and hands in, staff see both ticked', async () => {
  // The application itself is the older journey's subject: it is filed over the API here.
  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-worker' })
  await gatewayCall(
    appUrl(),
    '/api/legalAid',
    {
      action: 'submit',
      data: {
        category: 'wage',
        employer: EMPLOYER,
        facts: '在纺织厂做挡车工两年，今年 8 月起工资一直拖着不发。',
        claim: '要求支付拖欠工资 12000 元。',
        phone: '13812345678',
      },
    },
    token,
  )

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await openQueueCase(staff, EMPLOYER)
  await staff.locator('.legal-detail__request-docs').click()
  await staff.locator('.field--doc-item-0 textarea').fill('2026 年 8–11 月工资条或银行流水')
  await staff.locator('.legal-docs-form__add').click()
  await staff.locator('.field--doc-item-1 textarea').fill('考勤记录')
  await staff.locator('.field--docs-note textarea').fill('照片要看得清金额和日期')
  await shot(staff, '01-staff-list')
  await staff.locator('.legal-docs-form__send').click()
  await confirmModal(staff)
  await expectText(staff, '.legal-detail__status', '待补充材料')
  await expectText(staff, '.legal-docs__item--1', '还没有上传')
  // once only: the button is gone
  expect(await staff.locator('.legal-detail__request-docs').count()).toBe(0)
  await shot(staff, '02-staff-waiting')

  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--legalAid').click()
  const card = worker.locator('.legal-case', { hasText: EMPLOYER })
  await expectText(worker, '.legal-case', '前补充材料')
  await card.click()
  await expectText(worker, '.legal-docs__due', '逾期视为撤回申请')
  await expectText(worker, '.legal-docs__done', '还差 2 项')
  await shot(worker, '03-worker-checklist')
  for (const [i, name] of [
    [0, '工资条.png'],
    [1, '考勤.png'],
  ] as const) {
    const item = worker.locator(`.legal-docs__item--${i}`)
    const [chooser] = await Promise.all([worker.waitForEvent('filechooser'), item.locator('.legal-apply__add-photo').click()])
    await chooser.setFiles({ name, mimeType: 'image/png', buffer: PNG })
    await expectText(worker, `.legal-docs__item--${i} .legal-apply__file-name`, name)
  }
  await expectText(worker, '.legal-docs__done', '材料已补齐')
  await shot(worker, '04-worker-uploaded')
  await worker.locator('.legal-docs__done').click()
  await confirmModal(worker)
  await expectText(worker, '.legal-detail__status', '已提交')
  await expectText(worker, '.legal-docs__due', '补齐')
  await expectText(worker, '.legal-timeline', '已补充全部材料')
  await shot(worker, '05-worker-handed-in')

  // staff: back to the queue (reloads on show) and into the case again
  await staff.locator('.taro-navigation-bar-back').click()
  await staff.locator('.legal-queue__item', { hasText: EMPLOYER }).click()
  await expectText(staff, '.legal-detail__status', '已提交')
  await expectText(staff, '.legal-docs__item--0', '已上传 1 个文件')
  await expectText(staff, '.legal-docs__item--1', '已上传 1 个文件')
  expect(await staff.locator('.legal-docs__item--done').count()).toBe(2)
  await expectText(staff, '.legal-detail__file', '考勤.png')
  await shot(staff, '06-staff-ticked')
})
