import ExcelJS from 'exceljs'
import { startGateway, type TestGateway } from './harness'

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
  const o = (action: string, data: unknown, token = admin) => gw.call('orgs', { action, data }, token)
  const slow = () => gw.double?.setLatency([8, 25])
  const fast = () => gw.double?.setLatency([0, 0])

  beforeAll(async () => {
    gw = await startGateway({ backend })
    admin = await gw.login('demo-admin')
  })
  afterAll(() => gw.close())

  async function pair(tag: string): Promise<[string, string]> {
    const a = (await o('saveOrg', { parentId: ROOT, name: `${tag}甲工会`, kind: 'enterprise' })).json.data.id
    const b = (await o('saveOrg', { parentId: ROOT, name: `${tag}乙工会`, kind: 'enterprise' })).json.data.id
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
      const ok = [ab, ba].filter((r) => r.json.ok)
      expect(ok.length).toBeLessThanOrEqual(1)
      for (const r of [ab, ba].filter((r) => !r.json.ok)) expect(r.json.error.message).toMatch(/循环|刚被他人|下级组织/)
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
      const statuses = reports.map((r) => r.json.data.sheets[0].rows[0].status)
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
      expect(answers.filter((r) => r.json.ok)).toHaveLength(1)
      for (const r of answers.filter((r) => !r.json.ok)) expect(r.json.error.message).toMatch(/同名|刚刚已被/)
    }
  })

  test('an org renamed frees its old name for another; the new name stays taken', async () => {
    const [a, b] = await pair(`腾名${backend}`)
    const oldName = `腾名${backend}甲工会`
    expect((await o('saveOrg', { id: a, name: `腾名${backend}丙工会`, kind: 'enterprise' })).json.ok).toBe(true)
    expect((await o('saveOrg', { id: b, name: oldName, kind: 'enterprise' })).json.data).toEqual({ id: b, created: false })
    const again = await o('saveOrg', { parentId: ROOT, name: `腾名${backend}丙工会`, kind: 'enterprise' })
    expect(again.json.error.message).toContain('同名')
  })
})
