import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expectText, screenshot, setUpPhones } from './harness'

const ROOT = resolve(__dirname, '..', '..')
const { openPhone, signIn, dataDir } = setUpPhones()

/** What a deployer runs: `npm run admin-code -- --data-dir <dir>`, against the running gateway's own data. */
async function issueCode(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join('scripts', 'run-ts.mjs'), join('scripts', 'tools', 'admin-code.ts'), '--data-dir', dataDir()],
    {
      cwd: ROOT,
      // Nobody's .env (COUNTY_ORG_ID, DATA_DIR) may pick another org or store than the seeded county's.
      env: { ...process.env, GH_DOTENV: join(ROOT, 'nonexistent.env'), DATA_DIR: '', COUNTY_ORG_ID: '' },
      timeout: 60_000,
    },
  )
  expect(stdout).toContain('所属工会：乐陵市总工会')
  const m = /one-time activation code:\s+([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(stdout)
  if (!m) throw new Error(`no code in the output:\n${stdout}`)
  return m[1]
}

test('a deployer issues the first-admin 激活码; a worker enters it in 我的 → 工作人员激活 and gets the admin 工作台; the same code is refused to the next person', async () => {
  const code = await issueCode()

  const page = await openPhone()
  await signIn(page, 'demo-courier')
  await page.goto(page.url().replace(/#.*$/, '') + '#/pages/me/index')
  await page.locator('.me__item', { hasText: '工作人员激活' }).click()
  await page.locator('.activate__submit').waitFor()
  // Typed the way people copy it: lower case, with the dash the tool prints.
  await page.locator('.field--code input').fill(code.toLowerCase())
  // The name 人员与角色 will show comes from their profile, theirs to correct.
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('.field--name input')?.value === '张师傅')
  await screenshot(page, 'activation-01-code-entered')
  await page.locator('.activate__submit').click()
  await expectText(page, '.state-view__title', '您已成为管理员')
  await expectText(page, '.state-view__detail', '乐陵市总工会')
  await screenshot(page, 'activation-02-admin')

  await page.locator('.state-view__action', { hasText: '进入工作台' }).click()
  await page.locator('.workbench-tile').first().waitFor()
  const tiles = await page.locator('.workbench-tile__title').allTextContents()
  expect(tiles).toEqual(expect.arrayContaining(['入会审核', '邀请工作人员', '人员与角色']))
  await screenshot(page, 'activation-03-workbench')
  await page.locator('.workbench-tile', { hasText: '人员与角色' }).click()
  await expectText(page, '.role-row', '张师傅')

  const other = await openPhone()
  await signIn(other, 'demo-parent')
  await other.goto(other.url().replace(/#.*$/, '') + '#/pages/account/activate/index')
  await other.locator('.field--code input').fill(code)
  await other.locator('.activate__submit').click()
  await expectText(other, '.field--code', '这个激活码已被使用过')
  await screenshot(other, 'activation-04-used')
  await other.goto(other.url().replace(/#.*$/, '') + '#/pages/staff/index/index')
  await expectText(other, '.state-view__title', '您还没有工作台权限')
})
