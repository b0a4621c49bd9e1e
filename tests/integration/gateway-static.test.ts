import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGateway, type TestGateway } from './harness'

// npm start serves dist/h5 while a developer may rebuild it (a build empties the folder first): the gateway must
// keep answering, serve the new files without a restart, and never die on a file that vanished.
describe('gateway static files under a rebuild', () => {
  let gw: TestGateway
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-h5-'))
    mkdirSync(join(dir, 'js'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>工惠</title>')
    writeFileSync(join(dir, 'js/app.1111.js'), 'console.log(1)')
    gw = await startGateway({ staticDir: dir })
  })
  afterAll(async () => {
    await gw.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = async (path: string) => {
    const res = await fetch(gw.url + path)
    return { status: res.status, text: await res.text() }
  }

  test('serves the built files and the app shell for client routes', async () => {
    expect(await get('/js/app.1111.js')).toEqual({ status: 200, text: 'console.log(1)' })
    expect((await get('/pages/home/index')).text).toContain('<title>工惠</title>')
  })

  test('a file deleted under it is a 404 or the shell, not a crash; the API still answers', async () => {
    rmSync(join(dir, 'js/app.1111.js'))
    const res = await get('/js/app.1111.js')
    expect(res.status).not.toBe(200)
    const api = await gw.call('messages', { action: 'announcements', data: {} })
    expect(api.status).toBeLessThan(500)
  })

  test('an emptied dist/h5 answers 503 while building; the rebuilt files are served without a restart', async () => {
    rmSync(join(dir, 'index.html'))
    const building = await get('/')
    expect(building.status).toBe(503)
    expect(building.text).toContain('正在重新构建')
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>工惠 新版</title>')
    writeFileSync(join(dir, 'js/app.2222.js'), 'console.log(2)')
    expect((await get('/')).text).toContain('新版')
    expect(await get('/js/app.2222.js')).toEqual({ status: 200, text: 'console.log(2)' })
  })
})
