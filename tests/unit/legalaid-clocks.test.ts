import { arbitrationLastDay, arbitrationWarning, clocksOf, clockText, daysLeft, firstAidClock } from '../../src/contracts/legalAid/clocks'

const NOW = new Date('2026-11-23T23:30:00+08:00') // late evening Beijing: still the 23rd there, the 23rd in UTC too

describe('the law’s clocks', () => {
  test('one year to apply for arbitration, 29 February to 28 February', () => {
    expect(arbitrationLastDay('2025-12-20')).toBe('2026-12-20')
    expect(arbitrationLastDay('2024-02-29')).toBe('2025-02-28')
  })

  test('days left count Beijing days, whatever the hour', () => {
    expect(daysLeft('2026-11-23', NOW)).toBe(0)
    expect(daysLeft('2026-11-30', NOW)).toBe(7)
    expect(daysLeft('2026-11-22', NOW)).toBe(-1)
    // 00:30 on the 24th in Beijing is still the 23rd in UTC: Beijing decides
    expect(daysLeft('2026-11-30', new Date('2026-11-24T00:30:00+08:00'))).toBe(6)
  })

  test('先行援助 under 7 days, the nearest clock first; a passed clock or one 7 days off is not', () => {
    expect(firstAidClock([{ kind: 'hearing', day: '2026-11-30' }], NOW)).toBeNull()
    expect(firstAidClock([{ kind: 'hearing', day: '2026-11-22' }], NOW)).toBeNull()
    const c = firstAidClock(
      [
        { kind: 'hearing', day: '2026-11-29' },
        { kind: 'limitation', day: '2026-11-26' },
      ],
      NOW,
    )
    expect(c).toEqual({ kind: 'limitation', day: '2026-11-26' })
    expect(clockText(c!, NOW)).toBe('时效届满日 11月26日，还剩 3 天')
    expect(clockText({ kind: 'hearing', day: '2026-11-23' }, NOW)).toBe('开庭日期 11月23日，就是今天')
  })

  test('the arbitration clock only for 欠薪 and 劳动合同, with a warning under 60 days and once passed', () => {
    expect(clocksOf({ category: 'injury', leftOn: '2025-12-20' })).toEqual([])
    const wage = clocksOf({ category: 'wage', leftOn: '2025-12-20' })
    expect(wage).toEqual([{ kind: 'arbitration', day: '2026-12-20' }])
    expect(arbitrationWarning(wage, NOW)).toContain('只剩 27 天')
    expect(arbitrationWarning(clocksOf({ category: 'contract', leftOn: '2026-03-01' }), NOW)).toBeNull()
    expect(arbitrationWarning(clocksOf({ category: 'contract', leftOn: '2025-11-01' }), NOW)).toContain('已于 2026年11月1日 届满')
  })
})
