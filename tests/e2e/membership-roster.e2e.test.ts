import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { maskIdNumber } from '../../src/contracts/membership/idcard'
import { idFor } from '../utils/membership'
import { rosterXlsx } from '../utils/roster'
import { expectText, screenshot, setUpPhones } from './harness'

const { openPhone, signIn } = setUpPhones()
const dir = mkdtempSync(join(tmpdir(), 'roster-import-'))

const ID = idFor(701)
const PHONE = '13970000701'

test('a union imports its 会员名册; the member claims the e-card with name, 身份证号 and the roster phone, and shows the card', async () => {
  const path = join(dir, '泰山体育会员名册.xlsx')
  writeFileSync(
    path,
    await rosterXlsx([
      ['示例：张三', '371481199003071234', '13800000000', '乐陵市某某有限公司', '2019-05-01', '', ''],
      ['马认领', ID, PHONE, '泰山体育产业集团有限公司', '2017-09-01', '', '泰山体育产业集团有限公司工会'],
      ['何会员', idFor(703), '13970000703', '泰山体育产业集团有限公司', '2019/6/18', '', '泰山体育产业集团有限公司工会'],
      ['错号码', '37148119900307', '13970000705', '某公司', '2020-01-01', '', ''],
    ]),
  )

  // A county cadre opens 会员名册导入 from the 工作台, previews, then imports.
  const staff = await openPhone()
  await signIn(staff, 'demo-staff')
  await staff.locator('.home__workbench').click()
  await staff.locator('.workbench-tile', { hasText: '会员名册导入' }).click()
  await staff.locator('.sheet-picker__input').waitFor({ state: 'attached' })
  await staff.locator('.sheet-picker__input').setInputFiles(path)
  await expectText(staff, '.roster-import__name', '泰山体育会员名册.xlsx')
  await staff.locator('.roster-import__preview').click()
  await expectText(staff, '.roster-report', '预览（尚未导入）')
  await expectText(staff, '.roster-count--created .roster-count__num', '2')
  await expectText(staff, '.roster-count--refused .roster-count__num', '1')
  await expectText(staff, '.roster-row--refused .roster-row__error', '身份证号：身份证号应为 18 位')
  await expectText(staff, '.roster-row--created .roster-row__id', maskIdNumber(ID))
  expect(await staff.content()).not.toContain(ID)
  await screenshot(staff, 'membership-roster-01-preview')

  await staff.locator('.roster-import__submit').click()
  await expectText(staff, '.taro-modal__content', '将新增 2 名会员')
  await staff.locator('.taro-model__confirm:visible').click()
  await expectText(staff, '.roster-report', '导入结果')
  await expectText(staff, '.roster-row--created', '会员编号 3714812017')
  await screenshot(staff, 'membership-roster-02-imported')

  // The member, who never applied, claims the card from the 入会 page.
  const worker = await openPhone()
  await signIn(worker, 'demo-courier')
  await worker.locator('.service-tile--membership').click()
  await worker.locator('.membership-intro__claim').click()
  await worker.locator('.claim__submit').waitFor()
  await worker.locator('.claim__name input').fill('马认领')
  await worker.locator('.claim__id-number input').fill(ID)
  // A number not on the roster first: the answer says which union to call, and nothing is claimed.
  await worker.locator('.apply__phone .field--phone input').fill('13970009999')
  await worker.locator('.apply__phone .phone-verify__simulate').click()
  await expectText(worker, '.apply__phone-masked', '139****9999')
  await worker.locator('.claim__submit').click()
  await worker.locator('.taro-model__confirm:visible').click()
  await expectText(worker, '.field--phone .field-error', '泰山体育产业集团有限公司工会')
  await screenshot(worker, 'membership-roster-03-phone-mismatch')
  await worker.locator('.apply__phone-change').click()

  await worker.locator('.apply__phone .field--phone input').fill(PHONE)
  await worker.locator('.apply__phone .phone-verify__simulate').click()
  await expectText(worker, '.apply__phone-masked', '139****0701')
  await screenshot(worker, 'membership-roster-04-claim-form')
  await worker.locator('.claim__submit').click()
  await worker.locator('.taro-model__confirm:visible').click()
  await expectText(worker, '.member-card__name', '马认领')
  await expectText(worker, '.member-card__org', '泰山体育产业集团有限公司工会')
  await expectText(worker, '.member-card__date', '2017-09-01')
  await worker.locator('.member-card__qr img').waitFor()
  await screenshot(worker, 'membership-roster-05-card')
})
