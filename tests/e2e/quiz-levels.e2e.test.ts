import type { Page } from 'playwright-core'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

/** Issue 22 答题 as a worker meets it: a level with its lesson → the next level → the certificate → anyone verifies it. */
const { openPhone, signIn, appUrl } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `quiz-levels-${name}`)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()

const TITLE = '尊法守法 闯关答题'
const LESSON = '劳动合同应当采用书面形式。已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立。'
// Judge questions: 正确/错误 keep their order, so the right option is known by the stem.
const BANK: Record<string, string> = {
  '用人单位自用工之日起一个月内应当与劳动者订立书面劳动合同。': '正确',
  '试用期可以不签劳动合同。': '错误',
  '职工在上下班途中受到非本人主要责任的交通事故伤害，应当认定为工伤。': '正确',
}

async function answerAll(page: Page, right = true) {
  await page.locator('.quiz-q:visible').first().waitFor()
  const cards = page.locator('.quiz-q:visible')
  for (let i = 0; i < (await cards.count()); i++) {
    const stem = (await cards.nth(i).locator('.quiz-q__stem').textContent()) ?? ''
    const key = Object.keys(BANK).find((k) => stem.includes(k))
    const answer = BANK[key ?? ''] ?? '正确'
    const pick = right ? answer : answer === '正确' ? '错误' : '正确'
    await cards.nth(i).locator('.quiz-opt', { hasText: pick }).click()
  }
  await page.locator('.quiz-submit:visible').click()
  await confirmModal(page)
  await page.locator('.quiz-score__num:visible').waitFor()
}

test('a level with a lesson, the last level, the certificate as a picture, and its code verified by someone else', async () => {
  const { token } = await gatewayCall(appUrl(), '/api/dev/login', { openid: 'demo-staff' })
  const now = Date.now()
  const created = await gatewayCall(
    appUrl(),
    '/api/quiz',
    {
      action: 'upsertCampaign',
      data: {
        title: TITLE,
        description: '两关，每关答对即过关',
        startAt: new Date(now - 3600e3).toISOString(),
        endAt: new Date(now + 30 * 86400e3).toISOString(),
        audience: 'all',
        questionsPerAttempt: 2,
        timeLimitSec: 600,
        passScore: 1,
        attemptsPerDay: 3,
        drawsPerPass: 1,
        levelOpening: 'all',
        levels: [
          { title: '劳动合同', questionsPerAttempt: 2, passScore: 2, attemptsPerDay: 3, lessonText: LESSON },
          { title: '工伤保险', questionsPerAttempt: 1, passScore: 1, attemptsPerDay: 3 },
        ],
        questions: Object.entries(BANK).map(([stem, right], i) => ({
          type: 'judge',
          stem,
          options: [],
          answer: [right === '正确' ? 0 : 1],
          explanation: '依据《劳动合同法》《工伤保险条例》',
          level: i < 2 ? 0 : 1,
        })),
        prizes: [{ name: '普法读本', kind: 'goods', quantity: 50, weight: 5000 }],
      },
    },
    token,
  )

  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--quiz').click()
  await worker.locator('.quiz-campaign', { hasText: TITLE }).click()
  await worker.locator('.quiz-path').waitFor()
  expect(await worker.locator('.quiz-path__stop--open:visible').count()).toBe(1)
  expect(await worker.locator('.quiz-path__stop--locked').textContent()).toContain('先通过上一关')
  await shot(worker, '01-path')

  // Level 1: its lesson first, then the quiz; the first try goes wrong.
  await worker.locator('.quiz-path__stop--open:visible').click()
  await expectText(worker, '.quiz-lesson__text', '书面形式')
  await shot(worker, '02-lesson')
  await worker.locator('.quiz-lesson-start:visible').click()
  await confirmModal(worker)
  await answerAll(worker, false)
  expect(await worker.locator('.quiz-score__num:visible').textContent()).toBe('0/2')
  await worker.locator('.quiz-back:visible').click()

  // 错题本: both questions, each with the right answer and its explanation.
  await worker.locator('.quiz-go-wrong:visible').click()
  await worker.locator('.quiz-wrong').nth(1).waitFor()
  expect(await worker.locator('.quiz-wrong').count()).toBe(2)
  await expectText(worker, '.quiz-wrong', '依据《劳动合同法》')
  await shot(worker, '02b-wrong-book')
  await worker.locator('.taro-navigation-bar-back').click()

  // The second try passes.
  await worker.locator('.quiz-path__stop--open:visible').click()
  await worker.locator('.quiz-lesson-start:visible').click()
  await confirmModal(worker)
  await answerAll(worker)
  expect(await worker.locator('.quiz-score__num:visible').textContent()).toBe('2/2')
  await expectText(worker, '.quiz-result', '第 1 关通过')
  await worker.locator('.quiz-back:visible').click()

  // The path shows level 1 passed; level 2 has no lesson and starts straight away.
  await worker.locator('.quiz-path__stop--passed:visible').waitFor()
  await shot(worker, '03-path-passed')
  await worker.locator('.quiz-path__stop--open:visible').click()
  await expectText(worker, '.quiz-lesson', '这一关没有学习内容')
  await worker.locator('.quiz-lesson-start:visible').click()
  await confirmModal(worker)
  await answerAll(worker)
  await worker.locator('.quiz-result-cert').waitFor()
  const code = /ZS-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await worker.locator('.quiz-result-cert').textContent()) ?? '')?.[0]
  expect(code).toBeTruthy()
  await shot(worker, '04-passed-all')

  // The certificate as a picture, drawn on the phone.
  await worker.locator('.quiz-go-cert').click()
  await worker.waitForFunction(() => {
    const img = document.querySelector('.quiz-cert__image img') as HTMLImageElement | null
    return !!img && img.src.startsWith('data:image/png') && img.naturalWidth === 750
  })
  expect(await worker.locator('.quiz-cert__code').textContent()).toBe(code)
  await shot(worker, '05-certificate')

  // Someone else checks the code, typed in lower case without dashes.
  const other = await openPhone()
  await signIn(other, 'demo-courier')
  await other.locator('.service-tile--quiz').click()
  await other.locator('.quiz-go-verify').click()
  await other.locator('.quiz-verify__input input').fill('zs12')
  await other.locator('.quiz-verify-run').click()
  await expectText(other, '.field--code .field-error', 'ZS 开头')
  await other.locator('.quiz-verify__input input').fill(code!.toLowerCase().replace(/-/g, ''))
  await other.locator('.quiz-verify-run').click()
  await expectText(other, '.quiz-verdict-card--ok', '证书真实有效')
  const verdict = (await other.locator('.quiz-verdict-card--ok').textContent()) ?? ''
  expect(verdict).toContain(TITLE)
  expect(verdict).toMatch(/持有人：.\*/)
  await shot(other, '06-verified')

  // Staff see the levels in the editor.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.goto(`${appUrl()}/#/pages/quiz/edit/index?id=${encodeURIComponent(created.id)}`)
  await staff.locator('.quiz-edit-level').first().waitFor()
  expect(await staff.locator('.quiz-edit-level').count()).toBe(2)
  await staff.locator('.quiz-edit-levels').scrollIntoViewIfNeeded()
  await shot(staff, '07-editor-levels')
})
