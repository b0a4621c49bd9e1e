import ExcelJS from 'exceljs'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

jest.setTimeout(120_000)

/**
 * The org tree's invariants under requests that race, on CloudBase's own semantics (the real CloudBaseStore over
 * the double: snapshot transactions, the later of two writers of one document aborted, 8–25 ms a request) and
 * on SQLite. Snapshot isolation lets two transactions that write different documents both commit, so
 * "A under B" and "B under A" at once can each pass a check that reads the other's old parent.
 */

const ROOT = 'org-leling'

interface OrgRow {
  _id: string
  name: string
  parentId: string | null
}

function orgsOf(gw: TestGateway): OrgRow[] {
  return gw.store.rawDump('orgs').map((s) => JSON.parse(s) as OrgRow)
}

/** Ids of the orgs whose chain of parents never reaches a root: a cycle, or a parent that does not exist. */
function offTree(orgs: OrgRow[]): string[] {
  const byId = new Map(orgs.map((o) => [o._id, o]))
  const out: string[] = []
  for (const o of orgs) {
    const seen = new Set<string>()
    let cur: OrgRow | undefined = o
    while (cur && cur.parentId && !seen.has(cur._id)) {
      seen.add(cur._id)
      cur = byId.get(cur.parentId)
    }
    if (!cur || cur.parentId) out.push(o._id)
  }
  return out
}

/** Looks at the stored tree every millisecond: a cycle that exists for a moment is one a crash would keep. */
function watchTree(gw: TestGateway) {
  const seen = new Set<string>()
  const timer = setInterval(() => {
    for (const id of offTree(orgsOf(gw))) seen.add(id)
  }, 1)
  return {
    stop: () => {
      clearInterval(timer)
      for (const id of offTree(orgsOf(gw))) seen.add(id)
      return [...seen]
    },
  }
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('组织')
  for (const r of [['名称', '上级组织', '类型'], ...rows]) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const ROUNDS = 6

describe.each([
  ['CloudBase double, 8–25 ms a request', 'cloudbase' as const],
  ['SQLite', 'sqlite' as const],
])('org tree races on %s', (_label, backend) => {
  let gw: TestGateway
  let admin: string
  const o = <A extends ActionName<'orgs'>>(action: A, ...data: Data<'orgs', A>) => gw.as(admin).call('orgs', action, ...data)
  const slow = () => gw.double?.setLatency([8, 25])
  const fast = () => gw.double?.setLatency([0, 0])

  beforeAll(async () => {
    gw = await startGateway({ backend })
    admin = await gw.login('demo-admin')
  })
  afterAll(() => gw.close())

  async function pair(tag: string): Promise<[string, string]> {
    const a = (await o('saveOrg', { parentId: ROOT, name: `${tag}甲工会`, kind: 'enterprise' })).data!.id
    const b = (await o('saveOrg', { parentId: ROOT, name: `${tag}乙工会`, kind: 'enterprise' })).data!.id
    return [a, b]
  }

  test('A under B and B under A at once: at no moment is there a cycle, and at most one of the moves holds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await pair(`移动${backend}${round}`)
      slow()
      const watch = watchTree(gw)
      const [ab, ba] = await Promise.all([o('moveOrg', { id: a, parentId: b }), o('moveOrg', { id: b, parentId: a })])
      const cycles = watch.stop()
      fast()
      expect(cycles).toEqual([])
      const ok = [ab, ba].filter((r) => r.ok)
      expect(ok.length).toBeLessThanOrEqual(1)
      for (const r of [ab, ba].filter((r) => !r.ok)) expect(r.error!.message).toMatch(/循环|刚被他人|下级组织/)
      expect(offTree(orgsOf(gw))).toEqual([])
    }
  })

  test('two imports at once, one putting A under B and the other B under A, never leave a cycle', async () => {
    for (let round = 0; round < ROUNDS / 2; round++) {
      const tag = `导入${backend}${round}`
      const [a, b] = await pair(tag)
      const names = [`${tag}甲工会`, `${tag}乙工会`]
      const ids = []
      for (const rows of [[[names[0], names[1], '基层工会']], [[names[1], names[0], '基层工会']]]) {
        const up = await gw.upload('sheet', '组织架构.xlsx', await xlsx(rows), admin)
        ids.push(up.json.data.fileId)
      }
      slow()
      const watch = watchTree(gw)
      const reports = await Promise.all(ids.map((fileId) => o('importSheet', { fileId, dryRun: false })))
      const cycles = watch.stop()
      fast()
      expect(cycles).toEqual([])
      const statuses = reports.map((r) => r.data!.sheets[0].rows[0].status)
      expect(statuses.filter((s: string) => s === 'updated').length).toBeLessThanOrEqual(1)
      expect(statuses).toContain('refused')
      const stored = new Map(orgsOf(gw).map((x) => [x._id, x.parentId]))
      expect([stored.get(a) === b, stored.get(b) === a]).not.toEqual([true, true])
      expect(offTree(orgsOf(gw))).toEqual([])
    }
  })

  test('renames and a create racing for one name: exactly one org carries it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await pair(`改名${backend}${round}`)
      const name = `改名${backend}${round}同名工会`
      slow()
      const answers = await Promise.all([
        o('saveOrg', { id: a, name, kind: 'enterprise' }),
        o('saveOrg', { id: b, name, kind: 'enterprise' }),
        o('saveOrg', { parentId: ROOT, name, kind: 'enterprise' }),
      ])
      fast()
      const holders = orgsOf(gw).filter((x) => x.name === name)
      expect(holders).toHaveLength(1)
      expect(answers.filter((r) => r.ok)).toHaveLength(1)
      for (const r of answers.filter((r) => !r.ok)) expect(r.error!.message).toMatch(/同名|刚刚已被/)
    }
  })

  if (backend === 'cloudbase') {
    test('every function instance killed while 20 pairs of moves that would close loops are under way: no loop is left', async () => {
      const pairs = []
      for (let i = 0; i < 20; i++) pairs.push(await pair(`断电${i}`))
      slow()
      let answered = 0
      const moves = Promise.all(
        pairs.flatMap(([a, b]) =>
          [o('moveOrg', { id: a, parentId: b }), o('moveOrg', { id: b, parentId: a })].map((p) => p.finally(() => answered++)),
        ),
      )
      // The worst moment: the first time the stored tree holds a loop (never, once moves are checked in their
      // transaction), else once some moves have finished and the rest are under way.
      const started = Date.now()
      while (!offTree(orgsOf(gw)).length && answered < 8 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 1))
      gw.double!.kill()
      const answers = await moves
      gw.double!.revive()
      fast()
      expect(answers.some((r) => r.status !== 200 && !r.error?.message?.match(/循环|刚被他人|下级组织/))).toBe(true) // the kill cut requests off
      expect(offTree(orgsOf(gw))).toEqual([])
      expect(answers.some((r) => r.ok)).toBe(true) // and some moves had gone through before it
    })
  }

  test('orgs off the tree (a loop left by older code, a parent gone) are listed to the county admin, who hangs them back', async () => {
    const at = '2026-11-20T00:00:00.000Z'
    const base = { kind: 'enterprise', phone: '', industries: [], regions: [], disabled: false, createdAt: at, updatedAt: at }
    await gw.store.put('orgs', { _id: `loop-a-${backend}`, name: `环甲${backend}工会`, parentId: `loop-b-${backend}`, ...base })
    await gw.store.put('orgs', { _id: `loop-b-${backend}`, name: `环乙${backend}工会`, parentId: `loop-a-${backend}`, ...base })
    await gw.store.put('orgs', { _id: `orphan-${backend}`, name: `孤儿${backend}工会`, parentId: 'org-gone', ...base })
    const tree = (await o('tree', {})).data!
    expect(tree.detached.map((n: { id: string }) => n.id).sort()).toEqual([`loop-a-${backend}`, `loop-b-${backend}`, `orphan-${backend}`].sort())
    expect(tree.items.map((n: { id: string }) => n.id)).not.toContain(`loop-a-${backend}`)

    await gw.store.put('users', { _id: 'taishan-admin', name: '泰山管理员', grants: [{ role: 'admin', scope: 'org-taishan' }] })
    const sub = await gw.login('taishan-admin')
    expect((await gw.as(sub).call('orgs', 'tree', {})).data!.detached).toEqual([])
    const refused = await gw.as(sub).call('orgs', 'repairOrg', { id: `loop-a-${backend}`, parentId: 'org-taishan' })
    expect([refused.status, refused.error!.message]).toEqual([403, '只有县总工会的管理员可以修复不在组织树上的组织'])

    const onTree = await o('repairOrg', { id: 'org-taishan', parentId: ROOT })
    expect(onTree.error!.message).toContain('已在组织树上')
    const intoLoop = await o('repairOrg', { id: `orphan-${backend}`, parentId: `loop-b-${backend}` })
    expect(intoLoop.error!.fields).toEqual([{ path: 'parentId', message: '请选择组织树上的一个组织作为上级' }])

    slow()
    const [loop, orphan] = await Promise.all([
      o('repairOrg', { id: `loop-a-${backend}`, parentId: ROOT }),
      o('repairOrg', { id: `orphan-${backend}`, parentId: 'org-hospital' }),
    ])
    fast()
    expect(loop.data!).toEqual({ id: `loop-a-${backend}`, parentId: ROOT })
    expect(orphan.data!).toEqual({ id: `orphan-${backend}`, parentId: 'org-hospital' })
    expect(offTree(orgsOf(gw))).toEqual([])
    const after = (await o('tree', {})).data!
    expect(after.detached).toEqual([])
    expect(after.items.find((n: { id: string }) => n.id === `loop-b-${backend}`)).toMatchObject({ parentId: `loop-a-${backend}`, depth: 2 })
    const audit = await gw.store.find('audit_log', { where: { action: 'orgs.org', targetId: `loop-a-${backend}` }, limit: 5 })
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ parentId: `loop-b-${backend}` }, { parentId: ROOT }]])
  })

  test('an org renamed frees its old name for another; the new name stays taken', async () => {
    const [a, b] = await pair(`腾名${backend}`)
    const oldName = `腾名${backend}甲工会`
    expect((await o('saveOrg', { id: a, name: `腾名${backend}丙工会`, kind: 'enterprise' })).ok).toBe(true)
    expect((await o('saveOrg', { id: b, name: oldName, kind: 'enterprise' })).data!).toEqual({ id: b, created: false })
    const again = await o('saveOrg', { parentId: ROOT, name: `腾名${backend}丙工会`, kind: 'enterprise' })
    expect(again.error!.message).toContain('同名')
  })
})
