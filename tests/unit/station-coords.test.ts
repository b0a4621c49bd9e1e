import { looksSwapped, parsePastedCoords } from '../../src/contracts/stations/coords'
import { stationFields } from '../../src/contracts/stations/schemas'

describe('a pasted coordinate pair', () => {
  test.each([
    ['37.7306,117.2166', 37.7306, 117.2166, false],
    ['37.7306, 117.2166', 37.7306, 117.2166, false],
    ['37.7306，117.2166', 37.7306, 117.2166, false],
    ['  37.7306 117.2166 ', 37.7306, 117.2166, false],
    ['117.2166,37.7306', 37.7306, 117.2166, true],
    ['117.2166；37.7306', 37.7306, 117.2166, true],
    ['121.4737,31.2304', 31.2304, 121.4737, true],
  ])('%s → 纬度 %d、经度 %d (swapped %s)', (text, lat, lng, swapped) => {
    expect(parsePastedCoords(text)).toMatchObject({ ok: true, lat, lng, swapped })
  })

  test('the swap is said plainly', () => {
    expect(parsePastedCoords('117.2166,37.7306')).toMatchObject({ message: '已按 纬度 37.7306、经度 117.2166 识别（您输入的顺序是经度在前）' })
    expect(parsePastedCoords('37.7306,117.2166')).toMatchObject({ message: '已按 纬度 37.7306、经度 117.2166 识别' })
  })

  test.each([
    ['', '请粘贴坐标'],
    ['37.7306', '两个数字'],
    ['37.7306,117.2166,5', '两个数字'],
    ['abc,117', '两个数字'],
    ['37.7.3,117.2', '两个数字'],
    ['48.85,2.35', '不在中国境内'],
    ['60,100', '不在中国境内'],
  ])('%j is refused: %s', (text, part) => {
    const r = parsePastedCoords(text)
    expect(r.ok).toBe(false)
    expect(r.message).toContain(part)
  })
})

describe('the station schema names a swapped pair', () => {
  const base = { name: '城东驿站', address: '乐陵市振兴路 18 号', hours: '24小时', amenities: [], phone: '' }
  const issues = (lat: number, lng: number, extra = {}) => {
    const r = stationFields.safeParse({ ...base, lat, lng, ...extra })
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  }
  test('swapped: on 纬度, with the ranges', () => {
    expect(looksSwapped(117.2, 37.7)).toBe(true)
    expect(issues(117.2166, 37.7306)).toEqual([{ path: 'lat', message: '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间' }])
  })
  test('even when another field is wrong too', () => {
    expect(issues(117.2166, 37.7306, { name: '' })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'lat', message: expect.stringContaining('填反') }),
        expect.objectContaining({ path: 'name' }),
      ]),
    )
  })
  test('other wrong pairs keep their own messages', () => {
    expect(issues(37.7306, 117.2166)).toEqual([])
    expect(issues(200, 117.2)).toEqual([{ path: 'lat', message: '纬度必须在 -90 到 90 之间' }])
    expect(issues(37.7, 300)).toEqual([{ path: 'lng', message: '经度必须在 -180 到 180 之间' }])
    expect(issues(48.85, 2.35)[0]).toMatchObject({ path: 'lat', message: expect.stringContaining('不在中国境内') })
  })
})
