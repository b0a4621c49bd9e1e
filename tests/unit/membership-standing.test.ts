import { inactiveCutoff } from '../../cloudfunctions/membership/inactive'
import { STANDING_LABELS, standingOf } from '../../src/contracts/membership/standing'

describe('半年无活动: the cutoff is the same Beijing date six months back, from its first moment', () => {
  test.each([
    // 08:00 Beijing on 6 Dec → 6 June 00:00 Beijing
    ['2026-12-06T00:00:00Z', '2026-06-05T16:00:00.000Z'],
    // 23:30 UTC on 31 Aug is already 1 Sep in Beijing
    ['2026-08-31T23:30:00Z', '2026-02-28T16:00:00.000Z'],
    // 31 Aug in Beijing → 28 Feb (no 31 Feb), in a leap year 29 Feb
    ['2026-08-31T10:00:00Z', '2026-02-27T16:00:00.000Z'],
    ['2028-08-31T10:00:00Z', '2028-02-28T16:00:00.000Z'],
  ])('at %s', (now, cutoff) => {
    expect(inactiveCutoff(new Date(now)).toISOString()).toBe(cutoff)
  })
})

test('会籍状态 from the stored status: four states, applications have none', () => {
  expect(standingOf('approved', false)).toBe('normal')
  expect(standingOf('approved', true)).toBe('retained')
  expect(standingOf('transferred_out', false)).toBe('transferred')
  expect(standingOf('revoked', false)).toBe('revoked')
  expect(standingOf('pending', false)).toBeNull()
  expect(Object.values(STANDING_LABELS)).toEqual(['正常', '保留会籍', '已转出', '已注销'])
})
