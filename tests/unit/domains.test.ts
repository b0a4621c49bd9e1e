import { DOMAINS, workbenchTiles } from '../../src/domains'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

describe('domain manifest', () => {
  test('every page a domain lists exists in its own folder, and every folder of the domain is listed', () => {
    for (const d of DOMAINS) {
      for (const p of d.pages) expect([d.key, p, existsSync(join('src/pages', d.key, `${p}.tsx`))]).toEqual([d.key, p, true])
      for (const e of [...(d.me ?? []), ...(d.workbench ?? []), ...(d.home ? [{ url: d.home.url }] : [])]) {
        const path = e.url.split('?')[0].replace(/^\//, '')
        expect([d.key, path.startsWith(`pages/${d.key}/`) && d.pages.includes(path.slice(`pages/${d.key}/`.length))]).toEqual([d.key, true])
      }
    }
  })
  test('a role sees only the tiles declared for it; a plain worker sees none', () => {
    expect(workbenchTiles(['worker'])).toEqual([])
    for (const role of ['keeper', 'lawyer', 'staff', 'admin'] as const) {
      for (const t of workbenchTiles(['worker', role])) expect(t.roles).toContain(role)
    }
    expect(workbenchTiles(['worker', 'keeper']).map((t) => t.title)).toEqual(['驿站管理', '反馈处理'])
  })
})
