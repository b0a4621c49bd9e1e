import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const shot = (page: Page, name: string) => screenshot(page, `quiz-${name}`)
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()

const TITLE = '安全生产月知识竞赛'
// Two questions whose right answers the worker picks by text (the options arrive shuffled).
const BANK = [
  { stem: '全国总工会职工服务热线是？', right: ['12351'] },
  { stem: '高温作业单位应当做到哪些？', right: ['发放高温津贴', '提供防暑饮料'] },
]
const CSV = [
  '题型,题干,选项,答案,解析',
  '单选,全国总工会职工服务热线是？,12351|12345|12315|12333,A,12351 是职工服务热线',
  '多选,高温作业单位应当做到哪些？,发放高温津贴|提供防暑饮料|延长工时,AB,延长工时不对',
  '填空,这一行会被拒绝,甲|乙,A,',
].join('\n')

test('staff create a campaign with questions and a prize; a worker passes, draws, claims; the winner appears masked', async () => {
  // A county cadre creates the campaign from the workbench.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '答题活动' }).click()
  await staff.locator('.quiz-new').click()
  await staff.locator('.field--title input').fill(TITLE)
  await staff.locator('.field--questionsPerAttempt input').fill('2')
  await staff.locator('.field--passScore input').fill('2')
  await staff.locator('.quiz-edit-prize .choice__item', { hasText: '实物' }).click()
  await staff.locator('.field--prize-0-quantity input').fill('5')
  await staff.locator('.field--prize-0-weight input').fill('10000')
  // Saved without the prize's name: the error stands beside that prize, not only in the banner.
  await staff.locator('.quiz-save').click()
  await staff.locator('.field--prize-0.field--invalid .field-error').waitFor()
  expect((await staff.locator('.field--prize-0 .field-error').textContent())?.trim()).toBeTruthy()
  await shot(staff, '00-nested-error')
  await staff.locator('.field--prize-0 input').fill('乐陵金丝小枣礼盒')
  await staff.locator('.quiz-add-question').click()
  await staff.locator('.field--q-0 textarea').fill('用人单位可以扣押劳动者的身份证吗？')
  await staff.locator('.quiz-edit-question .choice__item', { hasText: '判断' }).click()
  await staff.locator('.quiz-edit-question .quiz-edit-mark', { hasText: 'B' }).click()
  await staff.locator('.quiz-save').click()
  await staff.locator('.quiz-edit-hash').waitFor()
  expect((await staff.locator('.quiz-edit-hash').textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/)

  // Two more questions come from a pasted CSV, with the bad row reported.
  await staff.locator('.quiz-import-text textarea').fill(CSV)
  await staff.locator('.quiz-import-run').click()
  await staff.locator('.quiz-import-report').waitFor()
  expect(await staff.locator('.quiz-import-report').textContent()).toContain('成功导入 2 题')
  expect(await staff.locator('.quiz-import-report__bad').textContent()).toContain('第 4 行')
  await staff.locator('.quiz-edit-question').nth(2).waitFor()
  await shot(staff, '01-staff-edit')

  // The worker finds it from home, starts, and answers by option text.
  const worker = await openPhone()
  await signIn(worker, 'demo-worker')
  await worker.locator('.service-tile--quiz').click()
  await worker.locator('.quiz-campaign', { hasText: TITLE }).click()
  await worker.locator('.quiz-start').waitFor()
  // Plain words on a worker's screen: the verification details wait behind 「如何验证公平」.
  expect(await worker.locator('.page').last().textContent()).not.toMatch(/SHA|HMAC|种子/)
  expect(await worker.locator('.quiz-hash').count()).toBe(0)
  await worker.locator('.quiz-fair__toggle').click()
  expect((await worker.locator('.quiz-fair .quiz-hash').textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/)
  await shot(worker, '02-campaign')
  await worker.locator('.quiz-start').click()
  await confirmModal(worker)
  await worker.locator('.quiz-q').first().waitFor()
  await worker.locator('.quiz-timer__clock').waitFor()
  await shot(worker, '03-play')
  const cards = worker.locator('.quiz-q')
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i)
    const stem = (await card.locator('.quiz-q__stem').textContent()) ?? ''
    const right = BANK.find((b) => stem.includes(b.stem))?.right ?? ['错误']
    for (const text of right) await card.locator('.quiz-opt', { hasText: text }).click()
  }
  await worker.locator('.quiz-submit').click()
  await confirmModal(worker)
  await worker.locator('.quiz-score__num').waitFor()
  expect(await worker.locator('.quiz-score__num').textContent()).toBe('2/2')
  expect(await worker.locator('.quiz-explain').count()).toBeGreaterThan(0)
  await shot(worker, '04-result')

  // The draw: weight 10,000 on the one prize, so the animation lands on it.
  await worker.locator('.quiz-go-draw').click()
  await worker.locator('.quiz-draw-btn').click()
  await worker.locator('.quiz-outcome__title').waitFor()
  expect(await worker.locator('.quiz-outcome__title').textContent()).toContain('乐陵金丝小枣礼盒')
  expect(await worker.locator('.quiz-cell--lit').textContent()).toContain('乐陵金丝小枣礼盒')
  await shot(worker, '05-draw')

  await worker.locator('.quiz-go-claim').click()
  await worker.locator('.field--name input').fill('王建国')
  await worker.locator('.field--phone input').fill('13912345678')
  await worker.locator('.field--address textarea').fill('山东省乐陵市市中街道兴隆南大街 66 号')
  await worker.locator('.quiz-claim-submit').click()
  await confirmModal(worker)
  await worker.locator('.quiz-chip', { hasText: '待发放' }).waitFor()
  expect(await worker.locator('.page').last().textContent()).toContain('139****5678')
  expect(await worker.locator('.page').last().textContent()).toContain('由工会工作人员寄出')
  await shot(worker, '06-claimed')

  // Anyone sees the winner masked, on the winners page.
  const other = await openPhone()
  await signIn(other, 'demo-courier')
  await other.locator('.service-tile--quiz').click()
  await other.locator('.quiz-campaign', { hasText: TITLE }).click()
  await other.locator('.quiz-start').waitFor()
  await other.locator('.btn', { hasText: '中奖名单与核验' }).click()
  await other.locator('.quiz-winner').first().waitFor()
  const row = (await other.locator('.quiz-winner').first().textContent()) ?? ''
  expect(row).toContain('王**')
  expect(row).not.toContain('王建国')
  await shot(other, '07-winners')

  // Staff see it in the statistics.
  await staff.locator('.btn', { hasText: '统计与导出' }).click()
  await staff.locator('.quiz-kpi__num').first().waitFor()
  expect(await staff.locator('.quiz-kpis').textContent()).toContain('100%')
  await shot(staff, '08-stats')

  // The winners export: a link to a real workbook, saved under the server's file name.
  const [download] = await Promise.all([staff.waitForEvent('download'), staff.locator('.quiz-export').click()])
  expect(download.suggestedFilename()).toMatch(new RegExp(`^中奖名单-${TITLE}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  expect(wb.worksheets[0].getRow(2).values).toContain('乐陵金丝小枣礼盒')
  await staff.locator('.quiz-stats', { hasText: '已导出 1 条中奖记录' }).waitFor()

  // 奖品发放: staff record the parcel number; the winner then sees 已发放 with it.
  await staff.locator('.quiz-go-delivery').click()
  await staff.locator('.quiz-delivery', { hasText: '待发放' }).waitFor()
  await staff.locator('.quiz-delivery__note input').fill('顺丰 SF1234567890')
  await shot(staff, '08b-delivery')
  await staff.locator('.quiz-delivery__done').click()
  await confirmModal(staff)
  await staff.locator('.quiz-delivery__counts', { hasText: '已发放 1' }).waitFor()
  await worker.reload()
  await worker.locator('.quiz-chip', { hasText: '已发放' }).waitFor()
  expect(await worker.locator('.page').last().textContent()).toContain('顺丰 SF1234567890')
  await shot(worker, '06b-delivered')
  await staff.locator('.taro-navigation-bar-back').click()

  // More questions from an .xlsx: uploaded to storage, then imported by its id.
  const xlsx = new ExcelJS.Workbook()
  const ws = xlsx.addWorksheet('题库')
  ws.addRow(['题型', '题干', '选项A', '选项B', '答案', '解析'])
  ws.addRow(['判断', '职工可以依法参加和组织工会。', '', '', '正确', '《工会法》第三条'])
  const file = join(mkdtempSync(join(tmpdir(), 'quiz-import-')), '题库.xlsx')
  writeFileSync(file, Buffer.from(await xlsx.xlsx.writeBuffer()))
  await staff.locator('.taro-navigation-bar-back').click()
  await staff.locator('.sheet-picker__input').setInputFiles(file)
  await staff.locator('.quiz-import-report', { hasText: '成功导入 1 题' }).waitFor()
  // appended after the three questions already there
  await staff.locator('.field--q-3 textarea').waitFor()
  expect(await staff.locator('.field--q-3 textarea').inputValue()).toBe('职工可以依法参加和组织工会。')
  await shot(staff, '09-file-import')
})
