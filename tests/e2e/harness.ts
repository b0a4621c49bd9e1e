import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const ROOT = resolve(__dirname, '..', '..')
const SERVER = join(ROOT, 'dist/local/server.cjs')
const H5_INDEX = join(ROOT, 'dist/h5/index.html')

export interface RunningApp {
  url: string
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

/** The built gateway on a free port with a fresh data dir, so every run starts from the same seed. */
export async function startApp(): Promise<RunningApp> {
  for (const file of [SERVER, H5_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:functions && npx taro build --type h5\` first`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-e2e-'))
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: join(ROOT, 'dist/h5') },
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

/** Debian's Chromium; playwright's own browser download does not work offline. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

const SHOTS = join(ROOT, 'tests/e2e/screenshots')

/**
 * Full-page screenshots into a git-ignored folder, to look at after a run. Taro H5 scrolls inside the visible
 * .taro_page, not the document, so `fullPage` would stop at the viewport: grow the viewport to the page's
 * height for the shot, then put it back.
 */
export async function screenshot(page: import('playwright-core').Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(400) // let the page slide-in transition finish
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() => {
    const p = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((e) => getComputedStyle(e).display !== 'none')
    if (!p) return innerHeight
    p.scrollTop = 0
    return p.scrollHeight + (innerHeight - p.clientHeight)
  })
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
  await page.setViewportSize(viewport)
}
