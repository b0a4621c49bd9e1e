import type { Page } from 'playwright-core'
import { applyForm } from '../utils/membership'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/**
 * The dynamic card in H5, where the verifier cannot scan: the member reads out the 核验码, staff type it in.
 * The gateway runs with a 6-second QR life (CARD_QR_TTL_SEC) so that expiry happens within the test.
 */
const TTL_SEC = 6
const SKEW_SEC = 5 // CLOCK_SKEW_SEC in cloudfunctions/membership/card.ts
const { openPhone, signIn, appUrl } = setUpPhones({ env: { CARD_QR_TTL_SEC: String(TTL_SEC) } })
const shot = (page: Page, name: string) => screenshot(page, `card-${name}`)

const form = applyForm()

const api = (path: string, body: unknown, token?: string) => gatewayCall(appUrl(), path, body, token)
const login = async (openid: string) => (await api('/api/dev/login', { openid })).token as string

/** The application and its approval are other journeys' subject: done over the API here. */
async function approvedWorker() {
  const worker = await login('demo-worker')
  const staff = await login('demo-staff')
  const app = await api('/api/membership', { action: 'apply', data: form }, worker)
  await api('/api/membership', { action: 'review', data: { id: app.id, decision: 'approve' } }, staff)
}

const goto = (page: Page, route: string) => page.goto(page.url().replace(/#.*$/, '') + '#' + route)

async function verify(staff: Page, code: string): Promise<string> {
  await staff.locator('.verify-card__code input').fill(code)
  await staff.locator('.verify-card__submit').click()
  await staff.locator('.verify-result__verdict').waitFor()
  return ((await staff.locator('.verify-result__verdict').textContent()) ?? '').trim()
}

test('staff verify a member’s 核验码 in H5: 有效 while fresh, 已过期 once its few minutes are over', async () => {
  await approvedWorker()

  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await goto(staff, '/pages/membership/verify/index')
  await staff.locator('.verify-card__code input').waitFor()
  await shot(staff, '01-verify-empty')

  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await goto(worker, '/pages/membership/card/index')
  await worker.locator('.member-card__code').waitFor()
  const code = ((await worker.locator('.member-card__code').textContent()) ?? '').trim()
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
  expect(await worker.locator('.member-card__refresh').textContent()).toMatch(/^二维码 0:0\d 后自动刷新$/)
  expect(await worker.locator('.member-card__qr img').getAttribute('src')).toMatch(/^data:image\/png/)
  await shot(worker, '02-card')

  // Read out over the counter: typed in lower case, without the dash.
  expect(await verify(staff, code.replace('-', '').toLowerCase())).toBe('有效')
  expect((await staff.locator('.verify-result__name').textContent())?.trim()).toBe('王**')
  await shot(staff, '03-valid')

  // The card page replaces its code on its own before it expires.
  await worker.waitForFunction((old) => (document.querySelector('.member-card__code')?.textContent ?? '').trim() !== old, code, { timeout: 30_000 })
  await expectText(worker, '.member-card__refresh', '后自动刷新')
  await shot(worker, '04-card-refreshed')

  // The old code, shown again after its life and the allowed clock skew: a screenshot is no use.
  await staff.waitForTimeout((TTL_SEC + SKEW_SEC + 2) * 1000)
  await staff.locator('.verify-result__again').click()
  expect(await verify(staff, code)).toBe('已过期')
  expect(await staff.locator('.verify-result__label').textContent()).toContain('最新')
  await shot(staff, '05-expired')

  // A code nobody was given.
  await staff.locator('.verify-result__again').click()
  expect(await verify(staff, 'ZZZZ-ZZZZ')).toBe('无效')
  await shot(staff, '06-invalid')
})
