import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/**
 * 驿站券 end to end: staff name the station in the prize editor → a worker picks the voucher and claims it (its QR,
 * station and validity show in 我的奖品) → the station's keeper opens 核销 from the 工作台, types the code (the H5
 * stand-in for scanning) and confirms → a second use of the same code is refused with 已核销 (when, where).
 */
const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `quiz-voucher-${name}`)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()
const TITLE = '送清凉 驿站饮品券'
const STATION = '市中街道办事处劳动者驿站'

test('pick a voucher → its QR in 我的奖品 → the keeper redeems it once; a second scan says 已核销', async () => {
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
          { name: '驿站免费饮品一份', kind: 'voucher', quantity: 20, weight: 1, anyStation: false, stationId: 'st-shizhong', validDays: 7 },
          { name: '防暑礼包', kind: 'goods', quantity: 5, weight: 1 },
        ],
      },
    },
    token,
  )

  // Staff: the editor shows the voucher's terms, the station read through the stations query.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(`${appUrl()}/#/pages/quiz/edit/index?id=${encodeURIComponent(created.id)}`)
  await expectText(staff, '.quiz-voucher-station', STATION)
  await staff.locator('.quiz-voucher-terms').first().scrollIntoViewIfNeeded()
  await shot(staff, '01-editor-terms')

  // Worker: pass, pick the voucher, claim it.
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.goto(`${appUrl()}/#/pages/quiz/campaign/index?id=${encodeURIComponent(created.id)}`)
  await worker.locator('.quiz-start:visible').click()
  await confirmModal(worker)
  await worker.locator('.quiz-opt:visible', { hasText: '正确' }).click()
  await worker.locator('.quiz-submit:visible').click()
  await confirmModal(worker)
  await worker.locator('.quiz-go-draw:visible').click()
  await worker.locator('.quiz-pick-item', { hasText: '驿站免费饮品一份' }).locator('.quiz-pick-choose').click()
  await confirmModal(worker)
  await expectText(worker, '.quiz-outcome__title', '已选 驿站免费饮品一份')
  await worker.locator('.quiz-go-claim:visible').click()
  await worker.locator('.quiz-claim-submit:visible').click()
  await confirmModal(worker)
  await worker.locator('.quiz-voucher__qr:visible').waitFor()
  await expectText(worker, '.quiz-voucher', `使用地点：${STATION}`)
  await expectText(worker, '.quiz-voucher', '有效期至')
  const code = ((await worker.locator('.quiz-voucher .quiz-code:visible').textContent()) ?? '').trim()
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  await shot(worker, '02-claimed-qr')

  // Keeper: 工作台 → 驿站券核销, type the code, confirm.
  const keeper = await openPhone()
  await signIn(keeper, 'demo-keeper')
  await keeper.locator('.home__workbench').click()
  await keeper.locator('.workbench-tile', { hasText: '驿站券核销' }).click()
  await expectText(keeper, '.quiz-redeem', `核销驿站：${STATION}`)
  const input = keeper.locator('.quiz-redeem__code input:visible')
  await input.fill(code.toLowerCase())
  await shot(keeper, '03-keeper-typed')
  await keeper.locator('.quiz-redeem-submit:visible').click()
  await expectText(keeper, '.taro-modal__content', code)
  await confirmModal(keeper)
  await expectText(keeper, '.quiz-redeem-verdict--ok', '核销成功')
  await expectText(keeper, '.quiz-redeem-verdict--ok', '驿站免费饮品一份')
  await shot(keeper, '04-keeper-redeemed')

  // The same code again (a second scan): refused, saying when and where it was used.
  await input.fill(code)
  await keeper.locator('.quiz-redeem-submit:visible').click()
  await confirmModal(keeper)
  await expectText(keeper, '.quiz-redeem-verdict--bad', '已核销')
  await expectText(keeper, '.quiz-redeem-verdict--bad', `在「${STATION}」使用过了`)
  await shot(keeper, '05-keeper-second-scan')

  // A made-up code never reaches a confirmation worth trusting: refused by its signature, beside the field.
  await input.fill('ABCD-EFGH-JKMN')
  await keeper.locator('.quiz-redeem-submit:visible').click()
  await confirmModal(keeper)
  await expectText(keeper, '.quiz-redeem', '券码不正确')

  // The worker sees it used, with no QR left to show.
  await worker.goto(`${appUrl()}/#/pages/quiz/prizes/index`)
  await expectText(worker, '.quiz-my-prize', '已核销')
  expect(await worker.locator('.quiz-voucher__qr:visible').count()).toBe(0)
  await shot(worker, '06-my-prizes-used')

  // Staff: the campaign's 驿站券核销情况.
  await staff.goto(`${appUrl()}/#/pages/quiz/vouchers/index?id=${encodeURIComponent(created.id)}`)
  await expectText(staff, '.quiz-voucher-kpis', '已核销')
  await expectText(staff, '.quiz-voucher-station', STATION)
  await expectText(staff, '.quiz-voucher-use', '驿站免费饮品一份')
  await shot(staff, '07-staff-redemptions')
})
