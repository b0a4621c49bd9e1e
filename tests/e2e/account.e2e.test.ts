import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()

async function confirmPicker(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click()
  const open = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  await open.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.waitForFunction(() => !document.querySelector('.weui-picker__overlay:not([style*="display: none"])'))
}

/**
 * A phone that nobody has used before: a WeChat user the seed does not know. The persona picker lists only
 * the demo personas, so sign in as the H5 build does underneath: a dev token in the app's storage.
 */
async function newPhone(openid: string): Promise<{ page: Page; base: string }> {
  const page = await openPhone()
  await signIn(page, 'demo-worker')
  const base = page.url().replace(/#.*$/, '')
  await page.evaluate(async (id) => {
    const res = await fetch('/api/dev/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: id }),
    })
    const { data } = (await res.json()) as { data: { token: string } }
    localStorage.setItem('gh.token', JSON.stringify({ data: data.token }))
  }, openid)
  await page.goto(base + '#/pages/me/index')
  await page.reload()
  return { page, base }
}

test('an admin invites a station keeper; a new phone enters the code in 工作人员激活 and manages the station; the admin revokes it', async () => {
  const admin = await openPhone()
  await signIn(admin, 'demo-admin')
  await admin.locator('.home__workbench').click()
  await admin.locator('.workbench-tile', { hasText: '邀请工作人员' }).click()
  await admin.locator('.invite__roles').waitFor()
  expect(await admin.locator('.invite__roles .choice__item').allTextContents()).toEqual(['驿站站长', '律师', '工会干部', '管理员'])
  await admin.locator('.invite__roles .choice__item', { hasText: '驿站站长' }).click()
  await admin.locator('.invite__submit').click()
  await expectText(admin, '.field--stationId .field-error, .field--stationId', '请选择驿站')
  await confirmPicker(admin, '.field--stationId .picker-box')
  expect(await admin.locator('.field--stationId .field-error').count()).toBe(0)
  await screenshot(admin, 'account-01-invite-form')
  await admin.locator('.invite__submit').click()
  await admin.locator('.invite-result__code').waitFor()
  const code = (await admin.locator('.invite-result__code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z2-9]{6}$/)
  const station = (await admin.locator('.invite-result__row', { hasText: '驿站：' }).textContent())!.replace('驿站：', '').trim()
  expect(await admin.locator('.invite-result__qr img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  await expectText(admin, '.invite-result__expiry', '有效期至')
  await screenshot(admin, 'account-02-invite-code')

  // A new phone: 我的 → 工作人员激活 is there for everyone
  const { page: phone } = await newPhone('e2e-newkeeper')
  await phone.locator('.me__item', { hasText: '工作人员激活' }).click()
  await phone.locator('.activate__submit').waitFor()
  await phone.locator('.field--code input').fill(code.toLowerCase())
  await phone.locator('.activate__submit').click()
  await expectText(phone, '.field--name', '请填写姓名')
  await phone.locator('.field--name input').fill('马站长')
  await screenshot(phone, 'account-03-activate')
  await phone.locator('.activate__submit').click()
  await expectText(phone, '.state-view__title', '您已成为驿站站长')
  await expectText(phone, '.state-view__detail', station)
  await screenshot(phone, 'account-04-activated')
  await phone.locator('.state-view__action', { hasText: '进入工作台' }).click()
  await phone.locator('.workbench-tile').first().waitFor()
  expect(await phone.locator('.workbench-tile__title').allTextContents()).toEqual(['驿站管理', '反馈处理', '驿站服务人次', '驿站券核销'])
  await phone.locator('.workbench-tile', { hasText: '驿站管理' }).click()
  await expectText(phone, '.managed-station__name', station)
  await screenshot(phone, 'account-05-keeper-manages')

  // The same code a second time is refused
  const { page: other } = await newPhone('e2e-latecomer')
  await other.locator('.me__item', { hasText: '工作人员激活' }).click()
  await other.locator('.field--code input').fill(code)
  await other.locator('.field--name input').fill('冒名者')
  await other.locator('.activate__submit').click()
  await expectText(other, '.field--code', '这个邀请码已被使用')
  await screenshot(other, 'account-06-used-code')

  // 人员与角色: the admin sees the new keeper and revokes
  await admin.goto(admin.url().replace(/#.*$/, '') + '#/pages/staff/index/index')
  await admin.locator('.workbench-tile', { hasText: '人员与角色' }).click()
  const row = admin.locator('.role-row', { hasText: '马站长' })
  await row.waitFor()
  await expectText(admin, '.role-row', '赵主席')
  await screenshot(admin, 'account-07-roles')
  await row.locator('.role-row__revoke').click()
  await admin.locator('.taro-model__confirm:visible').click()
  await admin.waitForFunction(() => !Array.from(document.querySelectorAll('.role-row')).some((e) => (e.textContent ?? '').includes('马站长')))

  await phone.reload()
  await expectText(phone, '.state-view__title', '没有权限')
})
