/**
 * The weapp check must fail where a phone would. One defect is planted into each of several pages of a copy of
 * the built weapp (dist/weapp, from `npm run build:weapp` or `build:release`); the check runs once over them
 * (and an untouched page), and each test reads what it said about its own page.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..')
const BUILT = join(ROOT, 'dist/weapp')

const PAGES = {
  untouched: 'pages/messages/announcements/index',
  document: 'pages/home/index',
  window: 'pages/me/index',
  newFunction: 'pages/profile/index/index',
  crossRequire: 'pages/quiz/index/index',
  loading: 'pages/notfound/index',
  rejection: 'pages/messages/index/index',
  cancellation: 'pages/childcare/index/index',
  setData: 'pages/legalAid/index/index',
  consoleError: 'pages/membership/index/index',
  modernBuiltIn: 'pages/messages/announcement/index',
}

let copy: string
let normal: { code: number; out: string }
let oldIos: { code: number; out: string }

function check(pages: string[], extra: string[] = []) {
  const r = spawnSync(
    process.execPath,
    ['scripts/weapp/check.mjs', '--dir', copy, '--pages', pages.join(','), '--personas', 'demo-worker', '--no-static', '--no-crawl', ...extra],
    { cwd: ROOT, encoding: 'utf8', timeout: 120000 },
  )
  return { code: r.status ?? 1, out: r.stdout + r.stderr }
}

/** Puts `code` at the start of a built page file (inside WeChat's define() wrapper, as the page's own code). */
function plant(page: string, code: string) {
  const file = join(copy, page + '.js')
  writeFileSync(file, code + '\n' + readFileSync(file, 'utf8'))
}

/** What the check reported for one page: its FAIL block, or '' when the page passed. */
function reportFor(out: string, page: string): string {
  const blocks = out.split('\nFAIL ').slice(1)
  return blocks.find((b) => b.startsWith(page + ' as ')) ?? ''
}

beforeAll(() => {
  if (!existsSync(join(BUILT, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  if (!existsSync(join(ROOT, 'dist/local/server.cjs'))) throw new Error('dist/local is missing: run `npm run build:functions` first')
  copy = mkdtempSync(join(tmpdir(), 'gh-weapp-planted-'))
  cpSync(BUILT, copy, { recursive: true })

  plant(PAGES.document, 'document.title = "工惠";')
  plant(PAGES.window, 'window.scrollTo(0, 0);')
  plant(PAGES.newFunction, 'var planted = new Function("return 1");')
  const other = readdirSync(join(copy, 'pages/legalAid')).find((f) => f.endsWith('.js'))
  plant(PAGES.crossRequire, `require(${JSON.stringify(other ? `../../legalAid/${other}` : '../../legalAid/index/index.js')});`)
  // The page's state view never leaves "loading", as a page whose data load never starts.
  const notFound = join(copy, PAGES.loading + '.js')
  const js = readFileSync(notFound, 'utf8')
  if (!js.includes('kind:"info"')) throw new Error('the not-found page no longer renders kind:"info": update this plant')
  writeFileSync(notFound, js.replace('kind:"info"', 'kind:"loading"'))
  plant(PAGES.rejection, 'setTimeout(function () { Promise.reject(new Error("planted: nobody catches this")) }, 0);')
  plant(
    PAGES.cancellation,
    'setTimeout(function () { new Promise(function (ok, fail) { wx.makePhoneCall({ phoneNumber: "12351", success: ok, fail: fail }) }) }, 0);',
  )
  plant(PAGES.setData, 'setTimeout(function () { var p = getCurrentPages()[0]; p.setData({ planted: new Array(1100 * 1024).join("x") }) }, 0);')
  plant(PAGES.consoleError, 'console.error("planted error");')
  plant(PAGES.modernBuiltIn, 'var planted = [1, 2, 3].at(-1);')

  normal = check(Object.values(PAGES))
  oldIos = check([PAGES.modernBuiltIn, PAGES.untouched], ['--old-ios'])
}, 240000)

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
})

test('the check fails the run, and passes the untouched page (so each failure below is its planted defect)', () => {
  expect(normal.code).toBe(1)
  expect(normal.out).toMatch(/weapp check: 9 failure\(s\)/)
  expect(reportFor(normal.out, PAGES.untouched)).toBe('')
})

test('document use fails the page', () => {
  expect(reportFor(normal.out, PAGES.document)).toMatch(/\[thrown\] TypeError: Cannot set properties of undefined \(setting 'title'\)/)
})

test('window use fails the page', () => {
  expect(reportFor(normal.out, PAGES.window)).toMatch(/\[thrown\] TypeError: Cannot read properties of undefined \(reading 'scrollTo'\)/)
})

test('new Function fails the page (WeChat forbids code from strings)', () => {
  expect(reportFor(normal.out, PAGES.newFunction)).toMatch(/\[thrown\] EvalError: Code generation from strings disallowed/)
})

test('a require into another subpackage fails the page', () => {
  expect(reportFor(normal.out, PAGES.crossRequire)).toMatch(
    /module "pages\/legalAid\/[^"]+" is not defined \(subpackage pages\/legalAid is not loaded\)/,
  )
})

test('a page that stays on its loading state fails', () => {
  expect(reportFor(normal.out, PAGES.loading)).toMatch(/\[loading\] still loading after the page settled/)
})

test('an unhandled rejection fails the page', () => {
  expect(reportFor(normal.out, PAGES.rejection)).toMatch(/\[unhandled rejection\] Error: planted: nobody catches this/)
})

test('an uncaught cancellation of a wx call fails the page', () => {
  expect(reportFor(normal.out, PAGES.cancellation)).toMatch(/\[unhandled rejection\] makePhoneCall:fail cancel/)
})

test('a setData over 1 MB fails the page', () => {
  expect(reportFor(normal.out, PAGES.setData)).toMatch(/\[setData\] setData of \d+ KB exceeds WeChat's 1 MB limit/)
})

test('console.error fails the page', () => {
  expect(reportFor(normal.out, PAGES.consoleError)).toMatch(/\[console.error\] planted error/)
})

test('only the old-iOS mode fails a page that uses an ES2021+ built-in', () => {
  expect(reportFor(normal.out, PAGES.modernBuiltIn)).toBe('')
  expect(oldIos.code).toBe(1)
  expect(reportFor(oldIos.out, PAGES.modernBuiltIn)).toMatch(/\[thrown\] TypeError: .*\.at is not a function/)
  expect(reportFor(oldIos.out, PAGES.untouched)).toBe('')
})

describe('the static check', () => {
  let bad: string
  const staticCheck = (dir: string) =>
    spawnSync(process.execPath, ['scripts/weapp/check.mjs', '--dir', dir, '--pages', 'none', '--no-crawl'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120000,
    })

  beforeEach(() => {
    bad = mkdtempSync(join(tmpdir(), 'gh-weapp-static-'))
    cpSync(BUILT, bad, { recursive: true })
  })
  afterEach(() => rmSync(bad, { recursive: true, force: true }))

  test('fails a tab icon over WeChat’s 40 KB', () => {
    const icon = join(bad, 'assets/icons/tab-home.png')
    writeFileSync(icon, Buffer.concat([readFileSync(icon), Buffer.alloc(60 * 1024)]))
    const r = staticCheck(bad)
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/\[static\] app.json: .*\["tabBar"\]\["list"\]\[0\]\["iconPath"\] exceeds 40kb/)
  })

  test('fails WXML and WXSS that WeChat’s compilers reject', () => {
    writeFileSync(join(bad, 'pages/quiz/prizes/index.wxml'), '<view class="x">\n<text>未闭合\n')
    writeFileSync(join(bad, 'pages/quiz/index/index.wxss'), readFileSync(join(bad, 'pages/quiz/index/index.wxss'), 'utf8') + '\n.a { color: red;\n')
    const r = staticCheck(bad)
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/\[static\] wcc: .*pages\/quiz\/prizes\/index.wxml:2:2: end tag missing/)
    expect(r.stdout).toMatch(/\[static\] wcsc: .*pages\/quiz\/index\/index.wxss/)
  })
})
