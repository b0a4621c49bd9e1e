import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { BrowserContext } from 'playwright-core'

const ROOT = resolve(__dirname, '..', '..')

export interface ChromiumChoice {
  path: string
  args: string[]
  source: string
}

let choice: ChromiumChoice | undefined

/**
 * $CHROMIUM_PATH, else the system Chromium, else the one inside the npm package @sparticuz/chromium (see
 * scripts/chromium.mjs: that package is ES-module only, so it is asked in a child process).
 */
export function chromiumChoice(): ChromiumChoice {
  choice ??= JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts/chromium.mjs')], { cwd: ROOT, encoding: 'utf8' })) as ChromiumChoice
  return choice
}

/** Of the bundled Chromium's own flags, those it needs to run here (its GL backend); not its Lambda-only ones. */
export function bundledArgs(args: string[]): string[] {
  return args.filter((a) =>
    /^--(use-gl|use-angle|enable-unsafe-swiftshader|in-process-gpu|ignore-gpu-blocklist|no-zygote|font-render-hinting)/.test(a),
  )
}

const FONT_ROUTE = 'http://gh-fonts.invalid/'
let fontCss: string | undefined

/**
 * Noto Sans SC (npm @fontsource-variable/noto-sans-sc), declared under a family the app's font stack already
 * names, so that Chinese never renders as empty boxes on a machine without a CJK system font. Form controls get
 * the page's font, as on a phone (a browser's default for them is its UI font, which has no CJK here).
 */
function cjkFontCss(): string {
  if (fontCss) return fontCss
  const css = readFileSync(require.resolve('@fontsource-variable/noto-sans-sc/index.css'), 'utf8')
  fontCss =
    css
      .replace(/font-family: 'Noto Sans SC Variable';/g, "font-family: 'WenQuanYi Micro Hei';")
      .replace(/font-display: swap;/g, 'font-display: block;')
      .replace(/url\(\.\/files\//g, `url(${FONT_ROUTE}`) + '\ninput, textarea, button, select { font-family: inherit; }\n'
  return fontCss
}

export async function installCjkFont(context: BrowserContext): Promise<void> {
  const files = join(dirname(require.resolve('@fontsource-variable/noto-sans-sc/index.css')), 'files')
  await context.route(FONT_ROUTE + '**', (route) => {
    const name = route.request().url().slice(FONT_ROUTE.length)
    if (!/^[\w.-]+\.woff2$/.test(name)) return route.fulfill({ status: 404 })
    return route.fulfill({ path: join(files, name), contentType: 'font/woff2', headers: { 'access-control-allow-origin': '*' } })
  })
  await context.addInitScript((css: string) => {
    const add = () => {
      const style = document.createElement('style')
      style.setAttribute('data-e2e', 'cjk-font')
      style.textContent = css
      document.head.appendChild(style)
    }
    if (document.head) add()
    else document.addEventListener('DOMContentLoaded', add, { once: true })
  }, cjkFontCss())
}
