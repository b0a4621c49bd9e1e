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
    expect(workbenchTiles(['worker', 'keeper']).map((t) => t.title)).toEqual(['驿站管理', '反馈处理', '驿站服务人次', '驿站券核销'])
    expect(workbenchTiles(['worker', 'staff']).map((t) => t.title)).toContain('邀请工作人员')
    expect(workbenchTiles(['worker', 'staff']).map((t) => t.title)).not.toContain('人员与角色')
    expect(workbenchTiles(['worker', 'admin']).map((t) => t.title)).toEqual(expect.arrayContaining(['邀请工作人员', '人员与角色']))
  })
  test('a domain without a home tile still reaches 我的 (工作人员激活 for everyone)', () => {
    const account = DOMAINS.find((d) => d.key === 'account')!
    expect(account.home).toBeUndefined()
    expect(account.me?.map((e) => e.title)).toEqual(['工作人员激活'])
  })
})
