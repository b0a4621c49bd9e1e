import calendar from 'chinese-days/dist/chinese-days.json'
import { parseNotice, saveHolidaysInput } from '../../src/contracts/orgs/holidays'
import { isWorkingDay, lastDay, CalendarRangeError } from '../../cloudfunctions/legalAid/deadlines'

/** 国务院办公厅关于2026年部分节假日安排的通知, as published (the dates part). */
const NOTICE_2026 = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`

test('the pasted State Council notice reads as the same days the holiday package has for that year', () => {
  const parsed = parseNotice(NOTICE_2026, 2026)
  const data = calendar as { holidays: Record<string, string>; workdays: Record<string, string> }
  const pkgOff = Object.keys(data.holidays).filter((d) => d.startsWith('2026-'))
  const pkgWork = Object.keys(data.workdays).filter((d) => d.startsWith('2026-'))
  expect(parsed.problems).toEqual([])
  expect(parsed.off).toEqual(pkgOff.sort())
  expect(parsed.work).toEqual(pkgWork.sort())
  expect(saveHolidaysInput.safeParse({ year: 2026, ...parsed }).success).toBe(true)
})

test('ranges across a month and dates with a year', () => {
  const p = parseNotice('国庆节：2027年9月30日至10月3日放假。2027年9月26日（周日）上班', 2027)
  expect(p.off).toEqual(['2027-09-30', '2027-10-01', '2027-10-02', '2027-10-03'])
  expect(p.work).toEqual(['2027-09-26'])
})

test('validation names the field: a makeup day on a weekday, a date of another year, a day both off and working', () => {
  const r = saveHolidaysInput.safeParse({ year: 2027, off: ['2027-01-01', '2026-12-31'], work: ['2027-01-04', '2027-01-01'] })
  expect(r.success).toBe(false)
  const msgs = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  expect(msgs).toEqual(
    expect.arrayContaining([
      'off: 放假日期 2026-12-31 不在 2027 年',
      'work: 2027-01-01 既是放假又是上班，请核对',
      expect.stringMatching(/^work: 调休上班日应为周六或周日：.*2027-01-04 是工作日/),
    ]),
  )
})

test("the union's entries extend the package: a year it lacks, and corrections to one it has", () => {
  expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarRangeError)
  const union = new Map([[2027, { off: new Set(['2027-01-01', '2027-01-04']), work: new Set(['2027-01-09']) }]])
  expect(isWorkingDay('2027-01-04', union)).toBe(false)
  expect(isWorkingDay('2027-01-05', union)).toBe(true)
  expect(isWorkingDay('2027-01-09', union)).toBe(true) // a Saturday made a working day
  expect(isWorkingDay('2027-01-10', union)).toBe(false) // a plain Sunday
  // from 2026-12-31: 1/1 off, 1/2–1/3 weekend, 1/4 off, then 1/5 1/6 1/7 1/8 and 1/9 (调休 Saturday)
  expect(lastDay(new Date('2026-12-31T10:00:00+08:00'), 5, 'workdays', union)).toBe('2027-01-09')
  const corrected = new Map([[2026, { off: new Set(['2026-12-31']), work: new Set<string>() }]])
  expect(isWorkingDay('2026-12-31')).toBe(true)
  expect(isWorkingDay('2026-12-31', corrected)).toBe(false)
})
