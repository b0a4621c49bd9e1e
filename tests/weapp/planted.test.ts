/**
 * The weapp check must fail where a phone would: each test plants one defect into a copy of the built weapp
 * (dist/weapp, from `npm run build:weapp` or `build:release`) and runs the check on the page concerned.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..')
const BUILT = join(ROOT, 'dist/weapp')
const NOT_FOUND = 'pages/notfound/index'
const QUIZ = 'pages/quiz/index/index'

let copy: string

beforeAll(() => {
  if (!existsSync(join(BUILT, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  if (!existsSync(join(ROOT, 'dist/local/server.cjs'))) throw new Error('dist/local is missing: run `npm run build:functions` first')
})

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'gh-weapp-planted-'))
  cpSync(BUILT, copy, { recursive: true })
})

afterEach(() => rmSync(copy, { recursive: true, force: true }))

function check(page: string): { code: number; out: string } {
  const r = spawnSync(
    process.execPath,
    ['scripts/weapp/check.mjs', '--dir', copy, '--pages', page, '--personas', 'demo-worker', '--no-static', '--no-crawl'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60000,
    },
  )
  return { code: r.status ?? 1, out: r.stdout + r.stderr }
}

/** Puts `code` at the start of a built page file (inside WeChat's define() wrapper, as the page's own code). */
function plant(page: string, code: string) {
  const file = join(copy, page + '.js')
  writeFileSync(file, code + '\n' + readFileSync(file, 'utf8'))
}

test('the unchanged page passes (so the failures below are the planted defects)', () => {
  const r = check(NOT_FOUND)
  expect(r.out).toContain('all pages pass')
  expect(r.code).toBe(0)
})

test('document use fails the page', () => {
  plant(NOT_FOUND, 'document.title = "工惠";')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[thrown\] TypeError: Cannot set properties of undefined/)
})

test('window use fails the page', () => {
  plant(NOT_FOUND, 'window.scrollTo(0, 0);')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[thrown\] TypeError: Cannot read properties of undefined \(reading 'scrollTo'\)/)
})

test('new Function fails the page (WeChat forbids code from strings)', () => {
  plant(NOT_FOUND, 'var planted = new Function("return 1");')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[thrown\] EvalError: Code generation from strings disallowed/)
})

test('a require into another subpackage fails the page', () => {
  const other = readdirSync(join(copy, 'pages/legalAid')).find((f) => f.endsWith('.js'))
  const target = other ? `../../legalAid/${other}` : '../../legalAid/index/index.js'
  plant(QUIZ, `require(${JSON.stringify(target)});`)
  const r = check(QUIZ)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/module "pages\/legalAid\/[^"]+" is not defined \(subpackage pages\/legalAid is not loaded\)/)
})

test('a page that stays on its loading state fails', () => {
  const file = join(copy, NOT_FOUND + '.js')
  const js = readFileSync(file, 'utf8')
  expect(js).toContain('kind:"info"')
  // The page's state view never leaves "loading", as a page whose data load never starts.
  writeFileSync(file, js.replace('kind:"info"', 'kind:"loading"'))
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[loading\] still loading after the page settled/)
})

test('an unhandled rejection fails the page', () => {
  plant(NOT_FOUND, 'setTimeout(function () { Promise.reject(new Error("planted: nobody catches this")) }, 0);')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[unhandled rejection\] Error: planted: nobody catches this/)
})

test('an uncaught cancellation of a wx call fails the page', () => {
  plant(
    NOT_FOUND,
    'wx.makePhoneCall && setTimeout(function () { new Promise(function (ok, fail) { wx.makePhoneCall({ phoneNumber: "12351", success: ok, fail: fail }) }) }, 0);',
  )
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[unhandled rejection\] makePhoneCall:fail cancel/)
})

test('a setData over 1 MB fails the page', () => {
  plant(NOT_FOUND, 'setTimeout(function () { var p = getCurrentPages()[0]; p && p.setData({ planted: new Array(1100 * 1024).join("x") }) }, 0);')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[setData\] setData of \d+ KB exceeds WeChat's 1 MB limit/)
})

test('console.error fails the page', () => {
  plant(NOT_FOUND, 'console.error("planted error");')
  const r = check(NOT_FOUND)
  expect(r.code).toBe(1)
  expect(r.out).toMatch(/\[console.error\] planted error/)
})

test('old-iOS mode fails a page that uses an ES2021+ built-in', () => {
  plant(NOT_FOUND, 'var planted = [1, 2, 3].at(-1);')
  expect(check(NOT_FOUND).code).toBe(0)
  const r = spawnSync(
    process.execPath,
    ['scripts/weapp/check.mjs', '--dir', copy, '--pages', NOT_FOUND, '--personas', 'demo-worker', '--no-static', '--no-crawl', '--old-ios'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60000,
    },
  )
  expect(r.status).toBe(1)
  expect(r.stdout).toMatch(/\[thrown\] TypeError: \[1,2,3\]\.at is not a function|\.at is not a function/)
})
