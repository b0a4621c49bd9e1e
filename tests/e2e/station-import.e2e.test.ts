import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const dir = mkdtempSync(join(tmpdir(), 'station-import-'))

const HEADER = ['名称', '地址', '纬度', '经度', '开放时间', '设施', '电话']

async function openImport(page: Page) {
  await signIn(page, 'demo-staff')
  await page.goto(page.url().split('#')[0] + '#/pages/stations/import/index')
  await page.locator('.sheet-picker__input').waitFor({ state: 'attached' })
}

async function previewThenImport(page: Page, path: string, names: string[], shot: string) {
  await page.locator('.sheet-picker__input').setInputFiles(path)
  await expectText(page, '.import-source__name', path.split('/').pop()!)
  await page.locator('.import-preview').click()
  await expectText(page, '.import-report__title', '预览（尚未导入）')
  for (const n of names) await expectText(page, '.import-row__name', n)
  await screenshot(page, `${shot}-preview`)

  await page.locator('.import-submit').click()
  await page.locator('.taro-model__confirm:visible').click()
  await expectText(page, '.import-report__title', '导入结果')
  await screenshot(page, `${shot}-done`)
}

async function findStation(page: Page, name: string) {
  await page.goto(page.url().split('#')[0] + '#/pages/stations/list/index')
  await page.locator('.station-search input').first().fill(name)
  await page.locator('.station-search__submit').click()
  await expectText(page, '.station-card__name', name)
}

test('staff preview a GBK CSV saved by Excel on Chinese Windows, confirm, and the stations appear', async () => {
  const csv = [
    HEADER.join(','),
    '示例：城东快递驿站（此行不会导入，可删除）,乐陵市城东街道振兴路18号,37.7312,117.2208,08:00-20:00,饮水,',
    'GBK驿站甲,乐陵市胜利路 12 号,37.7291,117.2012,08:00-20:00,饮水|充电,0534-6210001',
    'GBK驿站乙,乐陵市枣乡街 8 号,37.7402,117.2301,24小时,卫生间|休息座椅,',
    'GBK驿站丙,乐陵市花园路 3 号,117.2301,37.7402,24小时,饮水,',
  ].join('\r\n')
  const path = join(dir, '驿站GBK.csv')
  writeFileSync(path, iconv.encode(csv, 'gbk'))

  const page = await openPhone()
  await openImport(page)
  // Picking the same file twice must work (the input is reset after each pick) and never throw.
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.locator('.sheet-picker__input').setInputFiles(path)
  await expectText(page, '.import-source__name', '驿站GBK.csv')
  await page.locator('.import-source__clear').click()

  await previewThenImport(page, path, ['GBK驿站甲', 'GBK驿站乙', 'GBK驿站丙'], 'station-import-01-gbk')
  expect(await page.locator('.import-row--refused .import-row__error').first().textContent()).toContain('经纬度可能填反了')
  expect(await page.locator('.import-count--created .import-count__num').textContent()).toBe('2')
  expect(await page.locator('.import-row__name', { hasText: '示例' }).count()).toBe(0)
  expect(errors).toEqual([])

  await findStation(page, 'GBK驿站')
  expect(await page.locator('.station-card__name', { hasText: 'GBK驿站' }).count()).toBe(2)
})

test('staff import an .xlsx the same way, uploaded once for both the preview and the import', async () => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('驿站')
  ws.addRow(HEADER)
  ws.addRow(['表格驿站一', '乐陵市育英路 5 号', 37.735, 117.215, '08:00-18:00', '饮水|微波炉', '13800138000'])
  ws.addRow(['表格驿站二', '乐陵市育英路 9 号', 37.736, 117.216, '24小时', '充电', ''])
  const path = join(dir, '驿站.xlsx')
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()))

  const page = await openPhone()
  await openImport(page)
  // What travels: the file once to storage, then two small calls naming it.
  const uploads: string[] = []
  const importBodies: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/api/upload/')) uploads.push(r.url())
    if (r.url().endsWith('/api/stations') && r.postData()?.includes('"importCsv"')) importBodies.push(r.postData() ?? '')
  })
  await previewThenImport(page, path, ['表格驿站一', '表格驿站二'], 'station-import-02-xlsx')
  expect(await page.locator('.import-count--created .import-count__num').textContent()).toBe('2')
  expect(uploads).toHaveLength(1)
  expect(importBodies).toHaveLength(2)
  const fileIds = importBodies.map((b) => JSON.parse(b).data.fileId)
  expect(fileIds[0]).toMatch(/^local:\/\/uploads\/demo-staff\/sheet\//)
  expect(fileIds[1]).toBe(fileIds[0])
  for (const b of importBodies) expect(b.length).toBeLessThan(1000)
  // The applied upload is gone from the page too: the next import starts by picking a file.
  expect(await page.locator('.import-source__name').count()).toBe(0)
  await findStation(page, '表格驿站')
  expect(await page.locator('.station-card__name', { hasText: '表格驿站' }).count()).toBe(2)
})

test('the Excel template downloads as a real workbook under its own name', async () => {
  const page = await openPhone()
  await openImport(page)
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.import-help__template').click()])
  expect(download.suggestedFilename()).toBe('驿站导入模板.xlsx')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  expect(wb.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(HEADER))
  await expectText(page, '.taro__toast', '模板已下载')
})

test('in H5, staff paste a pair copied from a map in either order; a swapped pair is said and filled the right way', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-staff')
  await page.goto(page.url().split('#')[0] + '#/pages/stations/edit/index')
  expect(await page.locator('.station-edit__picker-link').getAttribute('href')).toBe('https://lbs.qq.com/getPoint/')
  await page.locator('.station-edit__paste-input input').fill('117.2166,37.7306')
  await expectText(page, '.station-edit__paste-note--swapped', '已按 纬度 37.7306、经度 117.2166 识别（您输入的顺序是经度在前）')
  expect(await page.locator('.station-edit__lat input').inputValue()).toBe('37.7306')
  expect(await page.locator('.station-edit__lng input').inputValue()).toBe('117.2166')
  await screenshot(page, 'station-import-03-paste-swapped')
})
