import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'
import { startGateway, type TestGateway } from './harness'
import { classInput, seedChild } from '../utils/childcare'

jest.setTimeout(120_000)

/**
 * 意向登记 through the real gateway: parents register interest before classes exist, staff see counts by area and
 * grade, and a class that matches (season, area, grade range) tells exactly its registrants in 消息中心, in the
 * write that creates it. Over SQLite and over the CloudBase double (snapshot transactions).
 */

const TITLE = '您登记意向的托管班开班了'
const SUMMER = 2027
const AUTUMN_BREAK = 20273
const dump = (gw: TestGateway, c: string) => gw.store.rawDump(c).map((s) => JSON.parse(s))
const timer = (gw: TestGateway) => childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))

for (const backend of ['sqlite', 'cloudbase'] as const) {
  describe(`意向登记 over ${backend === 'sqlite' ? 'SQLite' : 'the CloudBase double'}`, () => {
    let gw: TestGateway
    const tokens: Record<string, string> = {}
    const as = async (who: string) => gw.as((tokens[who] ??= await gw.login(who)))
    const inbox = async (who: string): Promise<Array<{ title: string; body: string }>> =>
      ((await (await as(who)).raw('messages', 'inbox', { pageSize: 50 })).data as { items: Array<{ title: string; body: string }> }).items
    /** a parent who consented, with one child (grade 2 in school year 2026/27 unless told) */
    const parent = async (who: string, child: string, over: Record<string, unknown> = {}) => {
      await (await as(who)).ok('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
      await seedChild(gw.store, who, child, over)
    }

    beforeEach(async () => {
      for (const k of Object.keys(tokens)) delete tokens[k]
      gw = await startGateway(backend === 'cloudbase' ? { backend } : {})
      gw.clock.now = new Date('2027-05-01T09:00:00+08:00')
    })
    afterEach(async () => gw.close())

    test('register → demand counts → a matching class tells only its registrants; withdraw', async () => {
      await parent('p-a', 'ch-a', { name: '甲小宝' })
      await parent('p-b', 'ch-b', { name: '乙小宝', grade: 5 })
      await parent('p-c', 'ch-c', { name: '丙小宝' })
      await parent('p-d', 'ch-d', { name: '丁小宝' })

      const options = await (await as('p-a')).ok('childcare', 'intentOptions')
      expect(options.seasons.map((s) => s.season)).toContain(SUMMER)
      expect(options.areas.map((a) => a.id)).toContain('area-shizhong')

      const a = await (
        await as('p-a')
      ).ok('childcare', 'registerIntent', { childId: 'ch-a', season: SUMMER, areaId: 'area-hujia', weeks: 4, note: '' })
      expect(a).toMatchObject({ childName: '甲小宝', seasonLabel: '2027年暑期', areaName: '胡家街道', grade: 2, weeks: 4 })
      // registering the same child for the same season again changes the earlier choice, it does not add one
      await (await as('p-a')).ok('childcare', 'registerIntent', { childId: 'ch-a', season: SUMMER, areaId: 'area-shizhong', note: '' })
      await (await as('p-b')).ok('childcare', 'registerIntent', { childId: 'ch-b', season: SUMMER, areaId: 'area-shizhong', note: '' })
      await (await as('p-c')).ok('childcare', 'registerIntent', { childId: 'ch-c', season: SUMMER, areaId: 'area-hujia', note: '' })
      await (await as('p-d')).ok('childcare', 'registerIntent', { childId: 'ch-d', season: AUTUMN_BREAK, areaId: 'area-shizhong', note: '' })
      const mine = await (await as('p-a')).ok('childcare', 'myIntents')
      expect(mine.items).toHaveLength(1)
      expect(mine.items[0]).toMatchObject({ areaId: 'area-shizhong', weeks: null })

      // Staff: counts by area and grade for the season, no names, no ids of children or parents.
      const staff = await as('demo-staff')
      const demand = await staff.ok('childcare', 'intentDemand', { season: SUMMER })
      expect(demand.total).toBe(3)
      const byArea = Object.fromEntries(demand.rows.map((r) => [r.areaId, r]))
      expect(byArea['area-shizhong'].total).toBe(2)
      expect(byArea['area-shizhong'].byGrade[2]).toBe(1)
      expect(byArea['area-shizhong'].byGrade[5]).toBe(1)
      expect(byArea['area-hujia'].total).toBe(1)
      const text = JSON.stringify(demand)
      for (const leak of ['甲小宝', '乙小宝', 'ch-a', 'p-a', 'p-b']) expect(text).not.toContain(leak)
      expect((await staff.ok('childcare', 'intentDemand', { season: AUTUMN_BREAK })).total).toBe(1)
      // a worker cannot see the demand
      const refused = await (await as('p-a')).raw('childcare', 'intentDemand', { season: SUMMER })
      expect(refused.ok).toBe(false)

      // A summer class in 市中街道 for grades 1–4: A matches; B's child is in grade 5, C is in another area,
      // D registered for another season.
      const { id: classId } = await staff.ok(
        'childcare',
        'upsertClass',
        classInput({ title: '市中暑期班', gradeMin: 1, gradeMax: 4, areaId: 'area-shizhong' }) as never,
      )
      const told = await inbox('p-a')
      expect(told.map((m) => m.title)).toEqual([TITLE])
      expect(told[0].body).toContain('市中暑期班')
      expect(told[0].body).toContain('甲小宝')
      for (const p of ['p-b', 'p-c', 'p-d']) expect((await inbox(p)).map((m) => m.title)).not.toContain(TITLE)
      expect((await (await as('p-a')).ok('childcare', 'myIntents')).items[0].matched).toMatchObject({ classId, title: '市中暑期班' })
      // the class carries its area for parents to see
      expect((await (await as('p-a')).ok('childcare', 'getClass', { id: classId })).areaName).toBe('市中街道')
      // a class without an area tells nobody
      await staff.ok('childcare', 'upsertClass', classInput({ title: '无街道班' }) as never)
      expect(await inbox('p-c')).toEqual([])

      // Withdraw: the registration goes, the counts follow; a second withdrawal finds nothing.
      const id = mine.items[0].id
      expect(await (await as('p-a')).ok('childcare', 'withdrawIntent', { id })).toEqual({ withdrawn: true })
      expect((await (await as('p-a')).ok('childcare', 'myIntents')).items).toEqual([])
      expect((await staff.ok('childcare', 'intentDemand', { season: SUMMER })).total).toBe(2)
      const again = await (await as('p-a')).raw('childcare', 'withdrawIntent', { id })
      expect(again.error?.code).toBe('NOT_FOUND')
    })

    test('validation names the field; a stranger can neither read nor withdraw another parent’s registration', async () => {
      await parent('p-e', 'ch-e', { name: '戊小宝' })
      await parent('p-f', 'ch-f', { name: '己小宝' })
      const e = await as('p-e')
      const fieldOf = async (data: Record<string, unknown>) => {
        const r = await e.raw('childcare', 'registerIntent', { childId: 'ch-e', season: SUMMER, areaId: 'area-shizhong', note: '', ...data })
        expect(r.ok).toBe(false)
        return r.error?.fields?.map((f) => f.path)
      }
      expect(await fieldOf({ season: 2019 })).toEqual(['season'])
      expect(await fieldOf({ areaId: 'area-nowhere' })).toEqual(['areaId'])
      expect(await fieldOf({ childId: 'ch-f' })).toEqual(['childId'])
      expect(await fieldOf({ weeks: 40 })).toEqual(['weeks'])
      expect(await fieldOf({ areaId: '' })).toEqual(['areaId'])
      expect(dump(gw, 'cc_intents')).toEqual([])

      const mine = await e.ok('childcare', 'registerIntent', { childId: 'ch-e', season: SUMMER, areaId: 'area-shizhong', note: '下午需要接送' })
      const f = await as('p-f')
      expect((await f.ok('childcare', 'myIntents')).items).toEqual([])
      const r = await f.raw('childcare', 'withdrawIntent', { id: mine.id })
      expect(r.error?.code).toBe('NOT_FOUND')
      expect((await e.ok('childcare', 'myIntents')).items.map((i) => i.note)).toEqual(['下午需要接送'])

      // Without the guardian's consent nothing is registered.
      await seedChild(gw.store, 'p-g', 'ch-g')
      const noConsent = await (
        await as('p-g')
      ).raw('childcare', 'registerIntent', { childId: 'ch-g', season: SUMMER, areaId: 'area-shizhong', note: '' })
      expect(noConsent.error?.code).toBe('FORBIDDEN')

      // Deleting the child deletes its registrations.
      expect(await e.ok('childcare', 'deleteChild', { id: 'ch-e' })).toEqual({ deleted: true })
      expect((await e.ok('childcare', 'myIntents')).items).toEqual([])
    })

    test('more registrants than one write holds: the rest are told by the timer, each exactly once', async () => {
      const n = 130
      for (let i = 0; i < n; i++) {
        await gw.store.put('cc_intents', {
          _id: `${SUMMER}:kid-${i}`,
          parentOpenid: `bulk-${i}`,
          childId: `kid-${i}`,
          childName: `孩子${i}`,
          season: SUMMER,
          areaId: 'area-yunhong',
          areaName: '云红街道',
          grade: 3,
          weeks: null,
          note: '',
          createdAt: '2027-04-01T00:00:00.000Z',
        })
      }
      const staff = await as('demo-staff')
      const { id } = await staff.ok('childcare', 'upsertClass', classInput({ title: '云红暑期班', areaId: 'area-yunhong' }) as never)
      const told = () =>
        dump(gw, 'outbox').filter((m) => String(m.title ?? m.notice?.title ?? '').includes('意向') || JSON.stringify(m).includes(TITLE))
      expect(told()).toHaveLength(100)
      expect(dump(gw, 'cc_classes').find((c) => c._id === id).intentsPending).toBe(true)
      await timer(gw)
      await timer(gw)
      const all = told()
      expect(all).toHaveLength(n)
      expect(new Set(all.map((m) => JSON.stringify(m).match(/bulk-\d+/)?.[0])).size).toBe(n)
      expect(dump(gw, 'cc_classes').find((c) => c._id === id).intentsPending).toBe(false)
    })
  })
}
