import { needsReconcile } from '../../cloudfunctions/childcare/booking'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { dispatch } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { MODULES, STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { classDays, classStatus, classRules } from '../../src/contracts/childcare/rules'
import { upsertClassInput } from '../../src/contracts/childcare/schemas'
import { withCounting } from '../utils/store-wrappers'
import { classInput, seedChild } from '../utils/childcare'

const timing = { opensAt: '2027-06-10T01:00:00.000Z', closesAt: '2027-06-30T10:00:00.000Z', remaining: 3, allocation: 'fcfs' as const }

test('status by the server clock: 未开放, 报名中, 已满, 已截止', () => {
  expect(classStatus(timing, new Date('2027-06-10T00:59:59Z'))).toBe('未开放')
  expect(classStatus(timing, new Date('2027-06-10T01:00:00Z'))).toBe('报名中')
  expect(classStatus({ ...timing, remaining: 0 }, new Date('2027-06-11T00:00:00Z'))).toBe('已满')
  expect(classStatus({ ...timing, remaining: 0, allocation: 'lottery' }, new Date('2027-06-11T00:00:00Z'))).toBe('报名中')
  expect(classStatus(timing, new Date('2027-06-30T10:00:00Z'))).toBe('已截止')
})

test('class days are Monday to Friday; rules state opening time in Beijing time', () => {
  expect(classDays('2027-07-02', '2027-07-06')).toEqual(['2027-07-02', '2027-07-05', '2027-07-06'])
  const parsed = upsertClassInput.parse(classInput())
  expect(classRules(parsed).join('\n')).toContain('2027-06-10 09:00 开放报名')
})

test('the form refuses an end before the start and a cancel deadline after the first day', () => {
  const r = upsertClassInput.safeParse(classInput({ endDate: '2027-07-01', cancelBefore: '2027-07-06T09:00:00+08:00' }))
  expect(r.success).toBe(false)
  const paths = r.error!.issues.map((i) => i.path.join('.'))
  expect(paths).toEqual(expect.arrayContaining(['endDate', 'cancelBefore']))
})

test('one booking costs the caller, the class and children, a guarded decrement, and one transaction of inserts by id (the booking and its 消息中心 notice), none on the class', async () => {
  const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  const now = new Date('2027-06-10T09:00:00+08:00')
  const rt = { store: raw, now: () => now, log: silentLogger }
  const actions = MODULES.childcare.actions
  await raw.put('users', { _id: 'demo-staff', name: '刘干事', grants: [{ role: 'staff', scope: 'org-leling' }] })
  const created = await dispatch(actions, { action: 'upsertClass', data: classInput() }, 'demo-staff', rt)
  if (!created.ok) throw new Error(created.error.message)
  const classId = (created.data as { id: string }).id
  for (const p of ['a', 'b']) await seedChild(raw, `p-${p}`, `ch-${p}`)
  // The first booking after a class is opened, and then the steady state.
  await dispatch(actions, { action: 'book', data: { classId, childIds: ['ch-a'], requestId: 'req-aaaaaaaa' } }, 'p-a', rt)
  const counting = withCounting(raw)
  const res = await dispatch(actions, { action: 'book', data: { classId, childIds: ['ch-b'], requestId: 'req-bbbbbbbb' } }, 'p-b', {
    ...rt,
    store: counting.store,
  })
  expect(res.ok).toBe(true)
  // dispatch's own user lookup is one of the gets. The one transaction holds only the two inserts by id (the
  // booking, the outbox entry): on CloudBase one that touched the class would abort under a rush.
  const { get, find, update, insert, transaction } = counting.counts.byOp
  expect({ get, find, update, insert, transaction }).toEqual({ get: 2, find: 1, update: 1, insert: 2, transaction: 1 })
  expect(counting.counts.total).toBe(7)
  await raw.close()
})

test('the timer looks at a class only when a place moved since its last quiet check', () => {
  expect(needsReconcile({})).toBe(false)
  expect(needsReconcile({ touchedAt: '2027-06-10T01:00:00.000Z' })).toBe(true)
  expect(needsReconcile({ touchedAt: '2027-06-10T01:00:00.000Z', reconciledAt: '2027-06-10T01:05:00.000Z' })).toBe(false)
  expect(needsReconcile({ touchedAt: '2027-06-10T01:06:00.000Z', reconciledAt: '2027-06-10T01:05:00.000Z' })).toBe(true)
})
