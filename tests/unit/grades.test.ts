import { gradeIn, gradeOn } from '../../cloudfunctions/childcare/model'
import { schoolYearOf } from '../../src/contracts/childcare/rules'

/**
 * A grade is stored with the school year it was given for; it rolls on 1 September by the Beijing date. Every
 * month boundary from September 2026 to September 2028, both sides of midnight in Beijing (16:00 UTC the day before).
 */
const boundaries: Array<[first: string, lastBefore: string, schoolYear: number, previous: number]> = []
for (let i = 0; i < 25; i++) {
  const y = 2026 + Math.floor((8 + i) / 12)
  const m = ((8 + i) % 12) + 1
  const first = `${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`
  const before = new Date(Date.parse(first) - 60_000).toISOString()
  const sy = m >= 9 ? y : y - 1
  boundaries.push([first, before, sy, m === 9 ? sy - 1 : sy])
}

test.each(boundaries)('school year at %s is %i…', (first, before, sy, prev) => {
  expect(schoolYearOf(new Date(first))).toBe(sy)
  expect(schoolYearOf(new Date(before))).toBe(prev)
})

test.each(boundaries)(
  '三年级 entered at %s: the parent sees 三年级 all that school year, and the summer that ends it uses 三年级',
  (first, before, sy) => {
    const child = { grade: 3, schoolYear: schoolYearOf(new Date(first)) }
    expect(gradeOn(child, new Date(first))).toBe(3)
    // the summer at the end of that school year
    expect(gradeIn(child, sy + 1)).toBe(3)
    // the day before the next 1 September still 三年级; on it, 四年级
    expect(gradeOn(child, new Date(`${sy + 1}-08-31T23:59:00+08:00`))).toBe(3)
    expect(gradeOn(child, new Date(`${sy + 1}-09-01T00:00:00+08:00`))).toBe(4)
    void before
  },
)

test('documents from before: gradeSeason (the summer the grade was for) reads the same as it did', () => {
  const old = { grade: 2, gradeSeason: 2027 }
  expect(gradeIn(old, 2027)).toBe(2)
  expect(gradeIn(old, 2028)).toBe(3)
  expect(gradeOn(old, new Date('2027-06-01T10:00:00+08:00'))).toBe(2)
})
