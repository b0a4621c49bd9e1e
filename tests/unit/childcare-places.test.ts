import type { ClassSummary } from '../../src/contracts/childcare/schemas'
import { placesLine } from '../../src/pages/childcare/shared'

const cls = (over: Partial<ClassSummary>): ClassSummary => ({
  id: 'c1',
  term: '暑期',
  title: '暑期托管班',
  site: '职工之家',
  address: '兴隆南大街 118 号',
  startDate: '2027-07-05',
  endDate: '2027-08-13',
  dailyHours: '08:30-17:30',
  gradeMin: 1,
  gradeMax: 6,
  capacity: 30,
  remaining: 28,
  waiting: 0,
  opensAt: '2027-06-10T01:00:00.000Z',
  closesAt: '2027-06-30T10:00:00.000Z',
  cancelBefore: '2027-07-04T16:00:00.000Z',
  status: '报名中',
  audience: 'all',
  allocation: 'fcfs',
  fee: 0,
  orgName: '乐陵市总工会',
  ...over,
})

const reserve = { groups: [{ key: 'hardship' as const, label: '困难职工子女' }], places: 2, remaining: 2, released: false }

test('a class without reserved places shows places left out of all places', () => {
  expect(placesLine(cls({ remaining: 30 }))).toBe('剩余 30/30')
  expect(placesLine(cls({ remaining: 0, waiting: 4 }))).toBe('已满 · 候补 4 人')
})

test('with places held for priority groups, both pools are named, so nobody reads the held ones as taken', () => {
  expect(placesLine(cls({ priority: reserve }))).toBe('普通名额剩余 28 · 优先名额剩余 2（共 30）')
  expect(placesLine(cls({ remaining: 0, waiting: 3, priority: { ...reserve, remaining: 1 } }))).toBe(
    '普通名额已满 · 候补 3 人 · 优先名额剩余 1（共 30）',
  )
  // once released, the held places are ordinary places again
  expect(placesLine(cls({ remaining: 5, priority: { ...reserve, released: true } }))).toBe('剩余 5/30')
})
