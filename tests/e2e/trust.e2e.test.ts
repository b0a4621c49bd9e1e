import type { Page } from 'playwright-core'
import { screenshot, setUpPhones } from './harness'

/** Issue 19 as people meet it: 再办一期 instead of reopening a revealed campaign; the ballot's public check. */
const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `trust-${name}`)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()
const hashUrl = (page: Page, path: string) => page.url().replace(/#.*$/, '') + '#' + path
const CAMPAIGN = '尊法守法·携手筑梦 劳动法律知识竞赛'

test('an ended campaign cannot be extended; 再办一期 copies it into a new campaign with a new seed', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '答题活动' }).click()
  await staff.locator('.quiz-managed', { hasText: CAMPAIGN }).locator('.btn', { hasText: '编辑' }).click()
  await staff.locator('.quiz-edit-hash').waitFor()
  const oldHash = (await staff.locator('.quiz-edit-hash').textContent())?.trim()
  await staff.locator('.btn', { hasText: '提前结束' }).click()
  await confirmModal(staff)
  await staff.locator('.quiz-edit-ended').waitFor()
  expect(await staff.locator('.quiz-edit-ended').textContent()).toContain('不能再延期或重新开始')
  expect(await staff.locator('.field--endAt .quiz-locked').count()).toBe(1)
  await shot(staff, '01-quiz-ended')

  await staff.locator('.quiz-again').click()
  await confirmModal(staff)
  await staff.waitForFunction(() => (document.querySelector('.field--title input') as HTMLInputElement | null)?.value.includes('（新一期）'))
  const newHash = (await staff.locator('.quiz-edit-hash').textContent())?.trim()
  expect(newHash).toMatch(/^[0-9a-f]{64}$/)
  expect(newHash).not.toBe(oldHash)
  expect(await staff.locator('.field--endAt .quiz-locked').count()).toBe(0)
  await shot(staff, '02-quiz-again')
})

test('a lottery class shows how anyone can recompute the ballot', async () => {
  const parent = await openPhone()
  await signIn(parent, 'demo-parent')
  await parent.goto(hashUrl(parent, '/pages/childcare/class/index?id=cc-demo-taishan'))
  await parent.locator('.cc-ballot').waitFor()
  // The recipe (with its SHA-256 words) waits behind 「如何验证公平」.
  expect((await parent.locator('.cc-ballot').textContent()) ?? '').not.toContain('SHA-256')
  await parent.locator('.cc-ballot__how').click()
  const text = (await parent.locator('.cc-ballot').textContent()) ?? ''
  expect(text).toContain('抽签公开核验')
  expect(text).toContain('从小到大排列')
  expect(text).toContain('截止后抽签')
  await parent.locator('.cc-ballot').scrollIntoViewIfNeeded()
  await shot(parent, '03-ballot-recipe')
})
