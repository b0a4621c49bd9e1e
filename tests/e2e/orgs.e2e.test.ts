import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { applyForm, idFor } from '../utils/membership'
import { expectText, gatewayCall, screenshot, setUpPhones } from './harness'

const { openPhone, signIn, appUrl, dataDir } = setUpPhones()
const dir = mkdtempSync(join(tmpdir(), 'orgs-import-'))

const shot = (page: Page, name: string) => screenshot(page, `orgs-${name}`)

/** Taro H5 keeps the pages below in the stack in the DOM, hidden: look only at the page on screen. */
const on = (page: Page, selector: string, hasText?: string) => page.locator(`${selector} >> visible=true`, hasText ? { hasText } : {})

/** Taro's H5 showModal is a DOM dialog; its confirm button is the one on screen. */
async function confirmModal(page: Page): Promise<void> {
  await on(page, '.taro-model__confirm:visible').click()
}

async function openRow(page: Page, name: string): Promise<void> {
  await on(page, '.org-row', name).click()
  await on(page, '.org-edit__save').waitFor()
}

async function workbook(path: string, sheets: Record<string, string[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name)
    for (const r of rows) ws.addRow(r)
  }
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()))
}

test('an admin adds a 街道 and a union with an employer alias, imports a workbook after its preview, and the new employer routes 入会 there', async () => {
  const page = await openPhone()
  await signIn(page, 'demo-admin')
  await on(page, '.home__workbench').click()
  await on(page, '.workbench-tile', '组织架构').click()
  await expectText(page, '.org-county', '行政区划代码 371481')
  await expectText(page, '.org-row__name', '市中街道新就业形态劳动者联合工会')
  await shot(page, '01-tree')

  // 街道/乡镇: a new one with its centre, last in the list
  await on(page, '.org-tree__areas').click()
  await on(page, '.org-areas__save').waitFor()
  await on(page, '.field--name input').fill('城南街道')
  await on(page, '.field--lat input').fill('37.7102')
  await on(page, '.field--lng input').fill('117.2301')
  await on(page, '.org-areas__save').click()
  await expectText(page, '.org-area__name', '城南街道')
  expect((await on(page, '.org-area__name').allTextContents()).at(-1)).toBe('城南街道')
  await shot(page, '02-areas')
  await page.goBack()

  // A grassroots union under the county federation, serving the new 街道
  await openRow(page, '乐陵市总工会')
  await on(page, '.org-edit__add-child').click()
  await expectText(page, '.org-edit__parent-name', '乐陵市总工会')
  // The parent's page (also an org form) may still be on screen while the new one slides in: aim at the new one.
  await on(page, '.org-edit:has(.org-edit__parent-name) .field--name input').fill('城南物流有限公司工会')
  await on(page, '.org-edit:has(.org-edit__parent-name) .field--phone input').fill('0534-6240001')
  await on(page, '.org-edit:has(.org-edit__parent-name) .org-chip', '城南街道').click()
  // Once saved, the new org's page closes itself (back to its parent's page); only then go back to the tree,
  // or the two backs race.
  await on(page, '.org-edit:has(.org-edit__parent-name) .org-edit__save').click()
  await page.waitForFunction(() => !document.querySelector('.org-edit__parent-name'))
  await page.goBack()
  await expectText(page, '.org-row__name', '城南物流有限公司工会')

  // Its employer, with an alias people write on the form
  await openRow(page, '城南物流有限公司工会')
  await on(page, '.org-employers__add').click()
  await on(page, '.org-employer-edit__save').waitFor()
  await expectText(page, '.org-chooser__name', '城南物流有限公司工会')
  await on(page, '.org-employer-edit .field--name input').fill('城南物流有限公司')
  await on(page, '.org-employer-edit__aliases textarea').fill('城南物流')
  await shot(page, '03a-employer-form')
  await on(page, '.org-employer-edit__save').click()
  await expectText(page, '.org-employer__name', '城南物流有限公司')
  await expectText(page, '.org-employer__aliases', '别名：城南物流')
  await shot(page, '03-org')

  // Excel: a 联合工会 under the new union and an employer with aliases; one bad row
  const path = join(dir, '组织架构.xlsx')
  await workbook(path, {
    组织: [
      ['名称', '上级组织', '类型', '服务街道', '行业'],
      ['城南快递驿站联合工会', '城南物流有限公司工会', '联合工会', '城南街道', '快递员'],
      ['无处安放工会', '不存在的上级', '基层工会', '', ''],
    ],
    用人单位: [
      ['单位名称', '别名', '所属工会'],
      ['城南极速快递有限公司', '极速快递|城南极速', '城南快递驿站联合工会'],
    ],
  })
  await page.goto(page.url().split('#')[0] + '#/pages/orgs/import/index')
  await on(page, '.sheet-picker__input').setInputFiles(path)
  await expectText(page, '.org-import__name', '组织架构.xlsx')
  await on(page, '.org-import__preview').click()
  await expectText(page, '.org-report__title', '预览（尚未导入）')
  await expectText(page, '.org-report-row--refused .org-report-row__error', '上级组织：上级组织「不存在的上级」不存在')
  expect(await on(page, '.org-report-row--created').count()).toBe(2)
  await shot(page, '04-import-preview')
  await on(page, '.org-import__submit').click()
  await confirmModal(page)
  await expectText(page, '.org-report__title', '导入结果')
  expect(await on(page, '.org-report-row__status--created').allTextContents()).toEqual(['新增', '新增'])
  await shot(page, '05-import-done')

  // The tree shows the imported union under the new one; moving it asks first
  await page.goto(page.url().split('#')[0] + '#/pages/orgs/index/index')
  await expectText(page, '.org-row__name', '城南快递驿站联合工会')
  await shot(page, '06-tree-after')
  await openRow(page, '城南快递驿站联合工会')
  await on(page, '.org-edit__move').click()
  await on(page, '.org-chooser__filter input').fill('乐陵市总工会')
  await on(page, '.org-chooser__item', '乐陵市总工会').click()
  await expectText(page, 'body', '移动组织？')
  await shot(page, '07-move-confirm')
  await confirmModal(page)
  await expectText(page, '.org-edit__parent-name', '乐陵市总工会')

  // A worker writes the imported alias on the 入会 form: the application goes to that union
  const token = (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'e2e-orgs-worker' })).token
  const applied = await gatewayCall(
    appUrl(),
    '/api/membership',
    { action: 'apply', data: applyForm({ idNumber: idFor(801), employer: '城南极速', newEmploymentType: 'courier', region: 'area-hujia' }) },
    token,
  )
  expect(applied).toMatchObject({ org: { name: '城南快递驿站联合工会' }, routedBy: 'employer' })

  // Disabling asks first, and the union stops receiving applications
  await on(page, '.org-edit__disable').click()
  await expectText(page, 'body', '停用这个组织？')
  await confirmModal(page)
  await expectText(page, '.org-edit__off', '已停用')
  const later = await gatewayCall(
    appUrl(),
    '/api/membership',
    { action: 'apply', data: applyForm({ idNumber: idFor(803), employer: '城南极速', newEmploymentType: 'courier', region: 'area-hujia' }) },
    (await gatewayCall(appUrl(), '/api/dev/login', { openid: 'e2e-orgs-worker-2' })).token,
  )
  expect(later).toMatchObject({ org: { name: '乐陵市快递行业联合工会' }, routedBy: 'industry' })
  await page.goBack()
  await expectText(page, '.org-row--off .org-off', '已停用')
  await shot(page, '08-tree-disabled')
})

test('orgs off the tree (parents in a loop, left by older data) are shown to the county admin, who hangs them back', async () => {
  // Written straight into the gateway's database: no action can make such a loop any more.
  const store = new SqliteStore({ file: join(dataDir(), 'gonghui.db'), indexes: STORE_INDEXES })
  const at = '2026-11-20T00:00:00.000Z'
  const base = { kind: 'enterprise', phone: '', industries: [], regions: [], disabled: false, createdAt: at, updatedAt: at }
  await store.put('orgs', { _id: 'e2e-loop-a', name: '城西机械厂工会', parentId: 'e2e-loop-b', ...base })
  await store.put('orgs', { _id: 'e2e-loop-b', name: '城西机械厂一车间工会', parentId: 'e2e-loop-a', ...base })
  await store.close()

  const page = await openPhone()
  await signIn(page, 'demo-admin')
  await page.goto(page.url().split('#')[0] + '#/pages/orgs/index/index')
  await expectText(page, '.org-detached__title', '2 个组织不在组织树上')
  await shot(page, '09-detached')
  await on(page, '.org-detached__row', '城西机械厂工会').locator('.org-detached__repair').click()
  await expectText(page, 'body', '挂回组织树？')
  await confirmModal(page)
  await page.waitForFunction(() => !document.querySelector('.org-detached'))
  await expectText(page, '.org-row__name', '城西机械厂一车间工会')
  await shot(page, '10-repaired')
})
