import { classRules, previousSeason, seasonOf, seasonYear } from '../../src/contracts/childcare/rules'

describe('托管 seasons: one booking per child per season, and the season before for the attendance rule', () => {
  test('a summer is its year, as stored before terms existed; other terms get their own season', () => {
    expect(seasonOf('2027-07-05')).toBe(2027)
    expect(seasonOf('2027-07-05', '暑期')).toBe(2027)
    expect(seasonOf('2027-01-18', '寒假')).toBe(20271)
    expect(seasonOf('2027-04-06', '春秋假')).toBe(20272)
    expect(seasonOf('2027-11-08', '春秋假')).toBe(20273)
    expect(seasonOf('2027-03-01', '课后')).toBe(20274)
    expect(seasonOf('2027-09-01', '课后')).toBe(20275)
    // Winter and summer of one year, or spring and autumn breaks, are different seasons.
    expect(
      new Set([seasonOf('2027-01-18', '寒假'), seasonOf('2027-07-05', '暑期'), seasonOf('2027-04-06', '春秋假'), seasonOf('2027-11-08', '春秋假')])
        .size,
    ).toBe(4)
  })

  test('the season before is the same kind: last summer, last winter, the break or school term before', () => {
    expect(previousSeason(2027)).toBe(2026)
    expect(previousSeason(20271)).toBe(20261)
    expect(previousSeason(20272)).toBe(20263)
    expect(previousSeason(20273)).toBe(20272)
    expect(previousSeason(20274)).toBe(20265)
    expect(previousSeason(20275)).toBe(20274)
    expect([2027, 20271, 20275].map(seasonYear)).toEqual([2027, 2027, 2027])
  })

  test('the rules a parent reads name the season of the class', () => {
    const base = {
      audience: 'all' as const,
      allocation: 'fcfs' as const,
      gradeMin: 1,
      gradeMax: 6,
      capacity: 30,
      opensAt: '2027-01-04T01:00:00.000Z',
      closesAt: '2027-01-10T10:00:00.000Z',
      cancelBefore: '2027-01-15T10:00:00.000Z',
    }
    expect(classRules({ ...base, term: '寒假' }).join('\n')).toContain('每个孩子每个寒假只能报名一期')
    expect(classRules(base).join('\n')).toContain('每个孩子每个暑期只能报名一期')
    expect(classRules({ ...base, term: '春秋假' }).join('\n')).toContain('每个孩子每个春假或秋假只能报名一期')
  })
})
