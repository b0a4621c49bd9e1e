import { isOpenAt, isOpenText, nextOpening, openStatusText, parseHours, type OpeningHours } from '../../src/contracts/stations/hours'
import { beijingClock } from '../../src/contracts/time'

/** A moment given as Shanghai wall-clock time: 2026-11-23 is a Monday. */
const at = (day: number, hhmm: string) => new Date(`2026-11-${String(22 + day).padStart(2, '0')}T${hhmm}:00+08:00`)
const hours = (text: string): OpeningHours => {
  const p = parseHours(text)
  if (!p.ok) throw new Error(p.message)
  return p.hours
}

describe('opening hours', () => {
  test('the clock is Shanghai time whatever the server zone', () => {
    expect(beijingClock(new Date('2026-11-22T16:30:00Z'))).toEqual({ day: 1, minutes: 30 }) // Mon 00:30 in Shanghai
  })

  test('a plain daytime range', () => {
    const h = hours('08:00-20:00')
    expect(isOpenAt(h, at(1, '07:59'))).toBe(false)
    expect(isOpenAt(h, at(1, '08:00'))).toBe(true)
    expect(isOpenAt(h, at(1, '19:59'))).toBe(true)
    expect(isOpenAt(h, at(1, '20:00'))).toBe(false)
  })

  test('24 小时 is always open', () => {
    for (const t of ['24小时', '24h', '24 小时']) expect(isOpenAt(hours(t), at(3, '03:00'))).toBe(true)
  })

  test('overnight ranges, with or without 次日, belong to the evening they start on', () => {
    for (const text of ['20:00-次日08:00', '20:00-08:00']) {
      const h = hours(text)
      expect(isOpenAt(h, at(1, '21:00'))).toBe(true)
      expect(isOpenAt(h, at(2, '07:59'))).toBe(true)
      expect(isOpenAt(h, at(2, '08:00'))).toBe(false)
      expect(isOpenAt(h, at(2, '12:00'))).toBe(false)
    }
  })

  test('closed days and split days', () => {
    const h = hours('周一至周五 08:30-17:30；周六 09:00-12:00')
    expect(isOpenAt(h, at(1, '09:00'))).toBe(true) // Monday
    expect(isOpenAt(h, at(6, '10:00'))).toBe(true) // Saturday morning
    expect(isOpenAt(h, at(6, '13:00'))).toBe(false) // Saturday afternoon
    expect(isOpenAt(h, at(7, '10:00'))).toBe(false) // Sunday: not listed, so closed
  })

  test('an overnight range on Friday runs into Saturday morning but not into Sunday', () => {
    const h = hours('周五 22:00-次日06:00')
    expect(isOpenAt(h, at(6, '05:00'))).toBe(true)
    expect(isOpenAt(h, at(7, '05:00'))).toBe(false)
    expect(isOpenAt(h, at(4, '23:00'))).toBe(false)
  })

  test('a lunch break and 周二至周日', () => {
    const h = hours('周二至周日 08:30-12:00 13:30-17:30')
    expect(isOpenAt(h, at(2, '12:30'))).toBe(false)
    expect(isOpenAt(h, at(2, '14:00'))).toBe(true)
    expect(isOpenAt(h, at(1, '09:00'))).toBe(false) // Monday closed
    expect(isOpenAt(h, at(7, '09:00'))).toBe(true) // Sunday open
  })

  test('bad texts are refused with a Chinese reason', () => {
    for (const text of ['', '8点到晚上', '25:00-26:00', '08:00-08:00', '周八 08:00-10:00', '08:00-次日20:00', '08:60-10:00']) {
      const p = parseHours(text)
      expect(p.ok).toBe(false)
      if (!p.ok) expect(p.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  test('an unparseable stored text reads as closed rather than throwing', () => {
    expect(isOpenText('随时', at(1, '10:00'))).toBe(false)
    expect(isOpenText('24小时', at(1, '10:00'))).toBe(true)
  })
})

describe('when a closed station opens (the open badge, Beijing time)', () => {
  test('before the first opening of the day: 今天 07:30 开门; after closing: 明天 07:30 开门', () => {
    const h = hours('07:30-19:30')
    expect(nextOpening(h, at(1, '06:00'))).toEqual({ inDays: 0, at: '07:30', weekday: 1 })
    expect(openStatusText(h, at(1, '06:00'))).toBe('今天 07:30 开门')
    expect(openStatusText(h, at(1, '07:30'))).toBe('营业中')
    expect(openStatusText(h, at(1, '19:30'))).toBe('明天 07:30 开门')
    expect(nextOpening(h, at(1, '19:30'))).toEqual({ inDays: 1, at: '07:30', weekday: 2 })
  })

  test('a break between two ranges says when it opens again today', () => {
    const h = hours('周一至周五 08:30-12:00 13:30-17:30')
    expect(openStatusText(h, at(2, '12:30'))).toBe('今天 13:30 开门')
    expect(openStatusText(h, at(2, '08:00'))).toBe('今天 08:30 开门')
    expect(openStatusText(h, at(2, '18:00'))).toBe('明天 08:30 开门')
  })

  test('over the weekend it names the day: Friday evening → 周一, Saturday → 后天, Sunday → 明天', () => {
    const h = hours('周一至周五 09:00-17:00')
    expect(openStatusText(h, at(5, '18:00'))).toBe('周一 09:00 开门') // Friday evening, three days on
    expect(openStatusText(h, at(6, '10:00'))).toBe('后天 09:00 开门') // Saturday
    expect(openStatusText(h, at(7, '08:00'))).toBe('明天 09:00 开门') // Sunday
  })

  test('open one day a week: after it closes, the same weekday next week', () => {
    const h = hours('周三 09:00-12:00')
    expect(openStatusText(h, at(3, '13:00'))).toBe('下周三 09:00 开门')
    expect(openStatusText(h, at(3, '08:00'))).toBe('今天 09:00 开门')
  })

  test('the Beijing day decides, not the server clock: 23:30 UTC Monday is Tuesday 07:30 in Beijing', () => {
    const h = hours('08:00-20:00')
    expect(openStatusText(h, new Date('2026-11-23T23:30:00Z'))).toBe('今天 08:00 开门')
    expect(openStatusText(h, new Date('2026-11-23T12:30:00Z'))).toBe('明天 08:00 开门') // 20:30 Monday in Beijing
  })

  test('overnight: after the small hours end it opens again in the evening', () => {
    const h = hours('20:00-次日08:00')
    expect(openStatusText(h, at(2, '07:00'))).toBe('营业中')
    expect(openStatusText(h, at(2, '09:00'))).toBe('今天 20:00 开门')
  })

  test('24 小时 and unreadable hours', () => {
    expect(openStatusText(hours('24小时'), at(3, '03:00'))).toBe('营业中')
    expect(nextOpening(hours('24小时'), at(3, '03:00'))).toBeNull()
    expect(openStatusText(null, at(3, '03:00'))).toBe('已打烊')
  })
})
