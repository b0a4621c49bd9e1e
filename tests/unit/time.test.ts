import { addDays, beijingDateTime, beijingDay, beijingYear, endOfBeijingDay, startOfBeijingDay } from '../../src/contracts/time'

describe('Beijing time helpers', () => {
  test('before 08:00 Beijing it is already the next day, though UTC still shows the previous one', () => {
    const at = new Date('2026-07-01T23:30:00Z') // 07:30 on 2 July in Beijing
    expect(beijingDay(at)).toBe('2026-07-02')
    expect(beijingDateTime(at)).toBe('2026-07-02 07:30')
    expect(beijingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
  })
  test('day bounds and day arithmetic stay on Beijing days, across months and leap days', () => {
    expect(startOfBeijingDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
    expect(endOfBeijingDay('2026-03-01').toISOString()).toBe('2026-03-01T15:59:59.999Z')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
  test('text that is not a time comes back unchanged; a plain day is kept', () => {
    expect(beijingDateTime('not a time')).toBe('not a time')
    expect(beijingDay('2026-05-01')).toBe('2026-05-01')
  })
})
