import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `legalaid-consult-${name}`)
/** Taro H5 keeps the pages below in the DOM: aim at the one on screen. */
const on = (page: Page, selector: string, hasText?: string) => page.locator(`${selector} >> visible=true`, hasText ? { hasText } : {})
const QUESTION = '我在乐陵市鑫源纺织厂做挡车工，老板说等回款再发工资，已经拖了 3 个月，我能找谁？'
const ANSWER = '您好，我是陈律师。先保留工资条、考勤记录和聊天记录，可以拨打 12333 投诉，也可以申请劳动仲裁；需要律师代理，可以直接转为法律援助申请。'

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

test('咨询 → 申请: the worker reads the frequent answers, asks, the lawyer answers in the 工作台, the worker reads it in 消息中心 and applies from it', async () => {
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--legalAid').click()
  await on(worker, '.legal-home__consult').click()
  // the frequent answers for 欠薪 come first
  await on(worker, '.legal-faq', '老板拖欠工资怎么办').click()
  await expectText(worker, '.legal-faq__a', '12333')
  await shot(worker, '01-faqs')
  await on(worker, '.legal-cat--injury').click()
  await on(worker, '.legal-faq', '不给报工伤').waitFor()
  await on(worker, '.legal-cat--wage').click()
  // a question too short is refused by its field, then asked
  await on(worker, '.field--question textarea').fill('欠薪')
  await on(worker, '.legal-ask__send').click()
  await expectText(worker, '.field--question', '问题至少 10 个字')
  await on(worker, '.field--question textarea').fill(QUESTION)
  await on(worker, '.legal-ask__send').click()
  const mine = on(worker, '.legal-consult', QUESTION)
  await mine.waitFor()
  await expectText(worker, '.legal-consult', '待解答')
  await shot(worker, '02-asked')

  const lawyer = await openPhone()
  await signIn(lawyer, 'demo-lawyer')
  await lawyer.locator('.home__workbench').click()
  const tile = lawyer.locator('.workbench-tile', { hasText: '法律咨询' })
  await tile.locator('.workbench-tile__badge').waitFor()
  await tile.click()
  const item = on(lawyer, '.legal-answers__item', QUESTION)
  await item.waitFor()
  await shot(lawyer, '03-queue')
  await item.locator('textarea').fill(ANSWER)
  await item.locator('.legal-answers__send').click()
  await confirmModal(lawyer)
  await on(lawyer, '.legal-answers__item', QUESTION).waitFor({ state: 'detached' })
  await on(lawyer, '.legal-answers__tab--answered').click()
  await expectText(lawyer, '.legal-answers__item', '陈律师')
  await shot(lawyer, '04-answered')

  // the worker: 我的 → 消息中心 → the notice opens the consultation with its answer
  await worker.goto(worker.url().replace(/#.*$/, '') + '#/pages/me/index')
  await on(worker, '.me__item', '消息中心').click()
  await on(worker, '.inbox-item--unread', '您的法律咨询有了解答').click()
  const focus = on(worker, '.legal-consult--focus')
  await focus.waitFor()
  await expectText(worker, '.legal-consult--focus', '12333')
  await expectText(worker, '.legal-consult--focus', '已解答')
  await shot(worker, '05-answer')

  // one tap: the application opens with the question as its facts
  await focus.locator('.legal-consult__apply').click()
  const facts = on(worker, '.field--facts textarea')
  await facts.waitFor()
  expect(await facts.inputValue()).toBe(QUESTION)
  await expectText(worker, '.legal-apply__from-consult', '已把您咨询的问题填进')
  await on(worker, '.field--employer input').fill('乐陵市鑫源纺织有限公司')
  await on(worker, '.field--claim textarea').fill('要求支付拖欠的 3 个月工资。')
  await on(worker, '.field--phone input').fill('13912345678')
  await shot(worker, '06-apply-prefilled')
  await on(worker, '.legal-apply__submit').click()
  await confirmModal(worker)
  await expectText(worker, '.legal-detail__status', '已提交')
  await expectText(worker, '.legal-detail', '老板说等回款再发工资')
  await shot(worker, '07-applied')
})

test('staff edit the 常见问答: add one, and the worker sees it under its 案由', async () => {
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '常见问答' }).click()
  await on(staff, '.legal-faqs__add').click()
  await on(staff, '.legal-faqs__form .legal-cat--social_insurance').click()
  await on(staff, '.field--faq-question input').fill('辞职后社保怎么办？')
  await on(staff, '.field--faq-answer textarea').fill(
    '单位应在解除劳动合同后 15 日内为您办理社保关系转移手续；没有新单位的，可以到社保经办机构以灵活就业人员身份接着缴。',
  )
  await on(staff, '.legal-faqs__form .btn', '保存').click()
  await on(staff, '.legal-faqs__item', '辞职后社保怎么办').waitFor()
  await shot(staff, '08-faq-added')

  const worker = await openPhone()
  await signIn(worker, 'demo-parent')
  await worker.locator('.service-tile--legalAid').click()
  await on(worker, '.legal-home__consult').click()
  await on(worker, '.legal-cat--social_insurance').click()
  await on(worker, '.legal-faq', '辞职后社保怎么办').click()
  await expectText(worker, '.legal-faq__a', '灵活就业人员')
  await shot(worker, '09-worker-sees-it')
})
