// `npm run test:weapp` (the check itself): the offline static check, then every page of dist/weapp/app.json
// opened cold in the logic-layer sandbox as each demo persona and as a newcomer, rendered through the
// wcc-compiled WXML, then a tap crawl for the worker and the admin. Prints pages × personas and exits 1 on any
// failure. Options: --dir <weapp dir>, --pages a,b (page paths), --personas x,y (openids; "-" the newcomer),
// --old-ios (no ES2021+ built-ins), --no-static, --no-crawl.
import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { startGateway } from './gateway.mjs'
import { compileWxml, renderPage } from './render.mjs'
import { appPages, createApp } from './sandbox.mjs'

const ROOT = resolve(import.meta.dirname, '..', '..')
/** A WeChat user the gateway has never seen: no membership, no role. */
export const NEWCOMER = 'weapp-newcomer'

function parseArgs(argv) {
  const opts = { dir: resolve(ROOT, 'dist/weapp'), pages: null, personas: null, oldIos: false, static: true, crawl: true, crawlLimit: 120 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dir') opts.dir = resolve(argv[++i])
    else if (a === '--pages') opts.pages = argv[++i].split(',').map((p) => p.replace(/^\//, ''))
    else if (a === '--personas') opts.personas = argv[++i].split(',').map((p) => (p === '-' ? NEWCOMER : p))
    else if (a === '--old-ios') opts.oldIos = true
    else if (a === '--no-static') opts.static = false
    else if (a === '--no-crawl') opts.crawl = false
    else if (a === '--crawl-from') opts.crawlFrom = argv[++i].split(',')
    else if (a === '--table-json') opts.tableJson = resolve(argv[++i])
    else throw new Error(`unknown option ${a}`)
  }
  return opts
}

/** Unhandled rejections surface process-wide; they belong to the app being run at the time. */
let current = null
process.on('unhandledRejection', (reason) => {
  if (current) current.issue('unhandled rejection', reason?.stack ?? reason?.errMsg ?? JSON.stringify(reason))
  else console.error('unhandled rejection outside a page:', reason)
})

/**
 * One cold open of `url` as `openid`: settle, render, judge. Returns { issues, setData, taps, app, inst }.
 * Leaves the app running when `keep` (the crawl taps on it), else disposes it.
 */
async function openCold(env, url, openid, { keep = false } = {}) {
  const app = createApp({ dir: env.dir, oldIos: env.oldIos, callFunction: (name, data) => env.gateway.call(openid, name, data) })
  current = app
  const inst = app.openPage(url)
  await app.settle()
  const view = inst ? judge(env, app, inst) : { taps: [] }
  if (!keep) {
    app.dispose()
    await new Promise((r) => setTimeout(r, 0))
    current = null
  }
  return { app, inst, taps: view.taps }
}

function judge(env, app, inst) {
  const view = renderPage(env.wxml, env.dir, inst.route, inst.data)
  if (view.error) app.issue('render', view.error)
  for (const w of view.warnings ?? []) app.issue('template', w)
  for (const src of view.missingImages ?? []) app.issue('image', `missing local image ${src}`)
  if (!view.error && view.elements === 0) app.issue('empty', 'rendered 0 elements')
  if (view.loading?.length) app.issue('loading', `still loading after the page settled (${view.loading[0]})`)
  return view
}

function fmtKb(n) {
  return n >= 1024 ? `${(n / 1024).toFixed(0)}K` : `${n}B`
}

/** Taps every tappable element of a page, following navigations with real ids into a queue of pages to open. */
async function crawl(env, openid, startUrls, failures) {
  const seen = new Set()
  const queue = [...startUrls]
  const perPath = new Map()
  let opened = 0
  while (queue.length && opened < env.crawlLimit) {
    const url = queue.shift()
    if (seen.has(url)) continue
    seen.add(url)
    const path = url.split('?')[0]
    // A few ids per page are enough to follow real data; a list of 50 need not be opened 50 times.
    if ((perPath.get(path) ?? 0) >= 3) continue
    perPath.set(path, (perPath.get(path) ?? 0) + 1)
    opened++
    const { app, inst, taps } = await openCold(env, url, openid, { keep: true })
    if (process.env.WEAPP_VERBOSE) console.log(`  crawl ${openid} ${url}: ${taps.length} taps`)
    if (inst) {
      for (const tap of taps.slice(0, 40)) {
        const before = app.navigations.length
        // A page may have rerendered (a tap may open a sheet): tap only ids still on screen.
        app.guard(() =>
          inst.eh?.call(inst, {
            type: 'tap',
            timeStamp: Date.now(),
            target: { id: tap.id, dataset: { sid: tap.sid } },
            currentTarget: { id: tap.id, dataset: { sid: tap.sid } },
            detail: { x: 10, y: 10 },
            touches: [],
            changedTouches: [],
          }),
        )
        await app.settle({ quietMs: 60, maxMs: 4000 })
        for (const nav of app.navigations.slice(before)) {
          if (nav.kind !== 'navigateBack' && !seen.has(nav.url)) queue.push(nav.url)
        }
      }
    }
    app.dispose()
    await new Promise((r) => setTimeout(r, 0))
    current = null
    if (app.issues.length) failures.push({ page: url, persona: `${openid} (crawl)`, issues: app.issues })
  }
  return opened
}

export async function main(argv) {
  const opts = parseArgs(argv)
  if (!existsSync(resolve(opts.dir, 'app.json'))) throw new Error(`${opts.dir}/app.json is missing: build the weapp first (npm run build:weapp)`)
  const started = Date.now()
  const failures = []
  if (opts.static) {
    const t = Date.now()
    // Loaded only when asked for: miniprogram-ci takes seconds to load.
    const { staticCheck } = await import('./static.mjs')
    const problems = await staticCheck(opts.dir)
    for (const p of problems) failures.push({ page: '(static)', persona: '-', issues: [{ kind: 'static', message: p }] })
    console.log(
      `static check (miniprogram-ci validator, wcc, wcsc): ${problems.length ? problems.length + ' problem(s)' : 'ok'} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    )
  }
  let wxml
  try {
    wxml = compileWxml(opts.dir)
  } catch (e) {
    // Already reported by the static check when it ran; without compiled WXML no page can be rendered.
    if (!opts.static) failures.push({ page: '(wcc)', persona: '-', issues: [{ kind: 'static', message: String(e?.message ?? e) }] })
    return report(opts, failures, started)
  }
  const gateway = await startGateway(ROOT)
  const env = { ...opts, gateway, wxml }
  try {
    const appJson = JSON.parse((await import('node:fs')).readFileSync(resolve(opts.dir, 'app.json'), 'utf8'))
    const pages = appPages(appJson)
      .map((p) => p.path)
      .filter((p) => !opts.pages || opts.pages.includes(p))
    const personas = opts.personas ?? [...gateway.personas.map((p) => p.openid), NEWCOMER]
    const table = new Map()
    for (const page of pages) {
      const row = new Map()
      for (const openid of personas) {
        const { app } = await openCold(env, '/' + page, openid)
        row.set(openid, { ok: app.issues.length === 0, setData: app.largestSetData })
        if (app.issues.length) failures.push({ page, persona: openid, issues: app.issues })
      }
      table.set(page, row)
    }
    // Several checks run at once (npm run test:weapp): each writes its part and the caller prints one table.
    if (opts.tableJson)
      writeFileSync(opts.tableJson, JSON.stringify({ personas, rows: [...table].map(([page, row]) => [page, Object.fromEntries(row)]) }))
    else printTable(table, personas)
    if (opts.crawl) {
      for (const openid of ['demo-worker', 'demo-admin'].filter((p) => personas.includes(p))) {
        const t = Date.now()
        const starts = opts.crawlFrom ?? appJson.tabBar?.list?.map((t) => '/' + t.pagePath) ?? ['/' + appJson.pages[0]]
        const n = await crawl(env, openid, starts, failures)
        console.log(`tap crawl as ${openid}: ${n} pages opened in ${((Date.now() - t) / 1000).toFixed(1)} s`)
      }
    }
  } finally {
    await gateway.stop()
  }
  return report(opts, failures, started)
}

function report(opts, failures, started) {
  for (const f of failures) {
    console.log(`\nFAIL ${f.page} as ${f.persona}${opts.oldIos ? ' (old iOS)' : ''}`)
    for (const i of f.issues.slice(0, 6)) console.log(`  [${i.kind}] ${i.message.split('\n').slice(0, 4).join('\n    ')}`)
    if (f.issues.length > 6) console.log(`  … and ${f.issues.length - 6} more`)
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`\nweapp check${opts.oldIos ? ' (old iOS)' : ''}: ${failures.length ? failures.length + ' failure(s)' : 'all pages pass'} in ${secs} s`)
  return failures.length ? 1 : 0
}

/** `table`: page → (persona → {ok, setData}). */
export function printTable(table, personas) {
  if (!table.size) return
  const short = (p) => (p === NEWCOMER ? 'newcomer' : p.replace(/^demo-/, ''))
  const width = Math.max(...[...table.keys()].map((p) => p.length)) + 2
  const cols = personas.map((p) => Math.max(short(p).length, 7) + 2)
  console.log('page'.padEnd(width) + personas.map((p, i) => short(p).padEnd(cols[i])).join(''))
  for (const [page, row] of table) {
    const cells = personas.map((p, i) => {
      const r = row.get(p)
      return ((r.ok ? '' : '✗ ') + fmtKb(r.setData)).padEnd(cols[i])
    })
    console.log(page.padEnd(width) + cells.join(''))
  }
  console.log('(cells: largest setData of the cold open; ✗ = failed, details below)')
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e?.stack ?? e)
      process.exit(1)
    },
  )
}
