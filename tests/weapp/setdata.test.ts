import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

// The sandbox is ES modules (scripts/weapp/); jest's CommonJS runtime asks it through a child process.
const SANDBOX = resolve(__dirname, '../../scripts/weapp/sandbox.mjs')

function inSandboxModule(code: string): unknown {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import * as m from ${JSON.stringify(SANDBOX)}; console.log(JSON.stringify(${code}))`],
    {
      encoding: 'utf8',
    },
  )
  return JSON.parse(out)
}

test("setData merges WeChat's path syntax and Taro's, as the view layer does", () => {
  const data = inSandboxModule(`(() => {
    const d = { root: { cn: [{ v: 'a' }, { v: 'b' }] }, list: [1, 2] }
    m.applySetData(d, { 'root.cn.[1].v': 'B', 'list[1]': 20, 'a.b[2].c': 'new', 'root.cn.[2]': { v: 'c' } })
    return d
  })()`)
  expect(data).toEqual({
    root: { cn: [{ v: 'a' }, { v: 'B' }, { v: 'c' }] },
    list: [1, 20],
    a: { b: [null, null, { c: 'new' }] },
  })
})

test('setData refuses a malformed path', () => {
  expect(inSandboxModule(`(() => { try { m.parsePath('a..b'); return 'parsed' } catch (e) { return e.message } })()`)).toMatch(/bad path/)
  expect(inSandboxModule(`m.parsePath('root.cn.[0].cn.[12].v')`)).toEqual(['root', 'cn', 0, 'cn', 12, 'v'])
})
