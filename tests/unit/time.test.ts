import {
  addDays,
  beijingClock,
  beijingDateTime,
  beijingDay,
  beijingMonthDay,
  beijingMonthDayTime,
  beijingTimeOfDay,
  beijingYear,
  endOfBeijingDay,
  fromBeijingDateTime,
  startOfBeijingDay,
} from '../../src/contracts/time'

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
  test('each meaning has its own name: time of day, date and time, month-day with or without the year', () => {
    const at = '2026-11-23T02:05:09Z' // 10:05:09 on 23 November in Beijing
    expect(beijingTimeOfDay(at)).toBe('10:05')
    expect(beijingDateTime(at)).toBe('2026-11-23 10:05')
    expect(beijingDateTime(at, { seconds: true })).toBe('2026-11-23 10:05:09')
    expect(beijingMonthDay(at)).toBe('11月23日')
    expect(beijingMonthDayTime(at)).toBe('11月23日 10:05')
    expect(beijingMonthDayTime(at, true)).toBe('2026年11月23日 10:05')
    // a deadline ending at 24:00 on 2 December (stored as 00:00 on the 3rd) shows as its last day
    expect(beijingMonthDay(Date.parse('2026-12-02T16:00:00Z') - 1)).toBe('12月2日')
    expect(beijingClock(new Date('2026-11-22T16:30:00Z'))).toEqual({ day: 1, minutes: 30 })
  })
  test('a Beijing wall-clock time goes back to its instant; anything else is returned for the schema to refuse', () => {
    expect(fromBeijingDateTime('2027-06-10 09:00')).toBe('2027-06-10T09:00:00+08:00')
    expect(fromBeijingDateTime(' 2027-06-10T09:00 ')).toBe('2027-06-10T09:00:00+08:00')
    expect(Date.parse(fromBeijingDateTime(beijingDateTime('2027-06-10T01:00:00Z')))).toBe(Date.parse('2027-06-10T01:00:00Z'))
    expect(fromBeijingDateTime('明天上午')).toBe('明天上午')
  })
  test('the same answers whatever the machine time zone (tests run in UTC here)', () => {
    // every helper reads UTC fields of a shifted instant, never local ones; a zone-dependent helper would differ here
    const at = new Date('2026-12-31T16:30:00Z')
    expect([beijingDay(at), beijingTimeOfDay(at), beijingYear(at)]).toEqual(['2027-01-01', '00:30', 2027])
  })
})
