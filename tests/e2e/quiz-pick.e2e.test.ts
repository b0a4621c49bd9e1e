import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/** 选奖品 as a worker meets it: pass → choose a voucher in stock → claim it (its code shows) → staff mark it used. */
const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `quiz-pick-${name}`)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()
const TITLE = '安康杯 自选好礼'

test('a worker passes, picks a voucher from the prizes in stock, claims it, and staff mark it used', async () => {
  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })
  const now = Date.now()
  const created = await gatewayCall(
    appUrl(),
    '/api/quiz',
    {
      action: 'upsertCampaign',
      data: {
        title: TITLE,
        startAt: new Date(now - 3600e3).toISOString(),
        endAt: new Date(now + 30 * 86400e3).toISOString(),
        audience: 'all',
        questionsPerAttempt: 1,
        timeLimitSec: 300,
        passScore: 1,
        attemptsPerDay: 3,
        drawsPerPass: 1,
        prizeMode: 'pick',
        questions: [{ type: 'judge', stem: '全国总工会职工服务热线是 12351。', options: [], answer: [0] }],
        prizes: [
          { name: '驿站洗车券', kind: 'voucher', quantity: 20, weight: 1 },
          { name: '防暑礼包', kind: 'goods', quantity: 5, weight: 1 },
        ],
      },
    },
    token,
  )

  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.goto(`${appUrl()}/#/pages/quiz/campaign/index?id=${encodeURIComponent(created.id)}`)
  await worker.locator('.quiz-start:visible').click()
  await confirmModal(worker)
  await worker.locator('.quiz-opt:visible', { hasText: '正确' }).click()
  await worker.locator('.quiz-submit:visible').click()
  await confirmModal(worker)
  await expectText(worker, '.quiz-go-draw', '去选奖品')
  await worker.locator('.quiz-go-draw:visible').click()

  await worker.locator('.quiz-pick-item').nth(1).waitFor()
  expect(await worker.locator('.quiz-pick-item').count()).toBe(2)
  await shot(worker, '01-choose')
  await worker.locator('.quiz-pick-item', { hasText: '驿站洗车券' }).locator('.quiz-pick-choose').click()
  await confirmModal(worker)
  await expectText(worker, '.quiz-outcome__title', '已选 驿站洗车券')
  await expectText(worker, '.quiz-pick', '还可以选 0 次')
  await shot(worker, '02-picked')

  await worker.locator('.quiz-go-claim:visible').click()
  await worker.locator('.quiz-claim-submit:visible').click()
  await confirmModal(worker)
  await worker.locator('.quiz-code:visible').waitFor()
  const code = ((await worker.locator('.quiz-code:visible').textContent()) ?? '').replace('券码：', '')
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  await shot(worker, '03-voucher')

  // Staff: the voucher is 已发放 (its code was the delivery); they mark it used and it counts as 已核销.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(`${appUrl()}/#/pages/quiz/delivery/index?id=${encodeURIComponent(created.id)}`)
  await staff.locator('.choice__item', { hasText: '已发放' }).click()
  await staff.locator('.quiz-delivery', { hasText: '驿站洗车券' }).locator('.btn', { hasText: '核销' }).click()
  await confirmModal(staff)
  await expectText(staff, '.quiz-delivery__counts', '已核销 1')
  await shot(staff, '04-redeemed')
})
