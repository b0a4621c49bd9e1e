import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { bundledArgs, chromiumChoice, installCjkFont } from './browser'

const ROOT = resolve(__dirname, '..', '..')
const SERVER = join(ROOT, 'dist/local/server.cjs')
const H5_INDEX = join(ROOT, 'dist/h5/index.html')

export interface RunningApp {
  url: string
  /** the gateway's DATA_DIR (its SQLite file), for tools that work on it the way an operator would */
  dataDir: string
  stop(): Promise<void>
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      done(true)
    })
  })
}

/**
 * The built gateway on a free port with a fresh data dir, so every run starts from the same seed. `env` adds
 * settings for this run only (e.g. `CARD_QR_TTL_SEC` to watch a card's QR expire within a test).
 */
export async function startApp(opts: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  for (const file of [SERVER, H5_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:functions && npx taro build --type h5\` first`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-e2e-'))
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: join(ROOT, 'dist/h5') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within 30 s:\n${output}`)), 30000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+/)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[0])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`gateway exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM')
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL')
        await waitForExit(child, 5000)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * $CHROMIUM_PATH, Debian's Chromium when installed, else the headless Chromium inside the npm package
 * @sparticuz/chromium (playwright's own browser download does not work offline).
 */
export function launchBrowser(): Promise<Browser> {
  const { path, args, source } = chromiumChoice()
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(source === '@sparticuz/chromium' ? bundledArgs(args) : []),
    ],
  })
}

const SHOTS = join(ROOT, 'tests/e2e/screenshots')

/**
 * Full-page screenshots into a git-ignored folder, to look at after a run. Taro H5 scrolls inside the visible
 * .taro_page, not the document, so `fullPage` would stop at the viewport: grow the viewport to the page's
 * height for the shot, then put it back.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(400) // let the page slide-in transition finish
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() => {
    const p = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((e) => getComputedStyle(e).display !== 'none')
    if (!p) return innerHeight
    p.scrollTop = 0
    return p.scrollHeight + (innerHeight - p.clientHeight)
  })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
  await page.setViewportSize(viewport)
}

export interface Phones {
  /** A fresh phone; with `geolocation` it grants location and reports that position, else location is refused. */
  openPhone(opts?: { geolocation?: { latitude: number; longitude: number } }): Promise<Page>
  /**
   * The current test expects the browser to log an error matching `pattern` (say why in `reason`); any other
   * `console.error` or uncaught page error fails the test. Cleared after each test.
   */
  allowConsoleError(pattern: RegExp, reason: string): void
  /** The H5 build sends a signed-out visitor to the persona picker; pick one and wait until home greets them. */
  signIn(page: Page, openid: string): Promise<void>
  /** The gateway's address, for setting up data over its API rather than through screens a test is not about. */
  appUrl(): string
  /** The gateway's data dir, e.g. for `npm run admin-code -- --data-dir`. */
  dataDir(): string
}

/**
 * One gateway and one browser for the calling test file, up before its tests and down after. Each phone is its
 * own context: its own storage, so its own token, as on two different phones.
 */
export function setUpPhones(opts: { env?: Record<string, string> } = {}): Phones {
  let app: RunningApp
  let browser: Browser
  const contexts: BrowserContext[] = []
  const consoleErrors = new ConsoleErrors()

  beforeAll(async () => {
    app = await startApp(opts)
    browser = await launchBrowser()
  })

  // A journey that logs an error fails even when every step it asserts went through (React warnings, a failed
  // call the page swallowed, an exception in an event handler).
  afterEach(() => consoleErrors.check())

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await app?.stop()
  })

  return {
    appUrl: () => app.url,
    dataDir: () => app.dataDir,
    allowConsoleError: (pattern, reason) => consoleErrors.allow(pattern, reason),
    async openPhone({ geolocation } = {}) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        ...(geolocation ? { geolocation, permissions: ['geolocation'] } : { permissions: [] }),
      })
      contexts.push(context)
      context.on('page', (p) => consoleErrors.watch(p))
      await installCjkFont(context)
      return context.newPage()
    },

    async signIn(page, openid) {
      await page.goto(app.url + '/')
      const persona = page.locator(`.persona--${openid}`)
      await persona.waitFor()
      const name = (await persona.locator('.persona__name').textContent())?.trim()
      await persona.click()
      await page.locator('.home__brand').waitFor()
      await expectText(page, '.home__greeting', name ?? '')
    },
  }
}

/**
 * Chromium logs every non-2xx answer as 「Failed to load resource: … status of 4xx」. Our API answers a refusal
 * (a field error 400, no permission 403, a conflict 409, a rate limit 429) with that status, and the page shows
 * the message, which the test asserts. A 5xx, or a 4xx for anything but /api/, still fails the test.
 */
function isApiRefusal(text: string, url: string | undefined): boolean {
  return /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text) && /\/api\//.test(url ?? '')
}

/**
 * Errors the browser logged during the current test: `console.error` calls and uncaught exceptions of every page
 * of every phone. `check()` throws with all of them (and where each came from) and starts the next test afresh.
 */
class ConsoleErrors {
  private seen: string[] = []
  private allowed: { pattern: RegExp; reason: string }[] = []

  watch(page: Page): void {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return
      const at = msg.location()
      if (isApiRefusal(msg.text(), at.url)) return
      this.record(`console.error: ${msg.text()}${at.url ? `\n    at ${at.url}:${at.lineNumber}` : ''}`, msg.text())
    })
    page.on('pageerror', (err) => this.record(`uncaught: ${err.stack ?? err.message}`, err.message))
  }

  allow(pattern: RegExp, reason: string): void {
    if (!reason.trim()) throw new Error('allowConsoleError needs a reason')
    this.allowed.push({ pattern, reason })
  }

  check(): void {
    const seen = this.seen
    this.seen = []
    this.allowed = []
    if (seen.length) throw new Error(`the browser logged ${seen.length} error(s):\n${seen.map((s) => '  ' + s).join('\n')}`)
  }

  private record(report: string, text: string): void {
    if (this.allowed.some((a) => a.pattern.test(text))) return
    this.seen.push(report)
  }
}

/** Waits until some element matching `selector` contains `text`. */
export async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([sel, t]) => Array.from(document.querySelectorAll(sel)).some((e) => (e.textContent ?? '').includes(t)), [
    selector,
    text,
  ] as const)
}

/** One call to the running app's gateway (`/api/dev/login`, `/api/<fn>`), for setting up a journey; throws on a refusal. */
export async function gatewayCall(baseUrl: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json.error)}`)
  return json.data
}
