import { distanceMeters, formatDistance, inChina } from '../../src/contracts/geo'

describe('geo', () => {
  test('distance matches known city pairs within half a percent', () => {
    // Beijing Tiananmen to Shanghai People's Square: about 1,067 km.
    const d = distanceMeters({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 })
    expect(d / 1000).toBeGreaterThan(1062)
    expect(d / 1000).toBeLessThan(1072)
    expect(distanceMeters({ lat: 37.73, lng: 117.21 }, { lat: 37.73, lng: 117.21 })).toBe(0)
    // 0.001 degree of latitude is about 111 m anywhere
    expect(distanceMeters({ lat: 37.73, lng: 117.21 }, { lat: 37.731, lng: 117.21 })).toBeCloseTo(111.2, 0)
  })

  test('distances read the way map apps show them', () => {
    expect(formatDistance(0.2)).toBe('1米')
    expect(formatDistance(850.4)).toBe('850米')
    expect(formatDistance(1234)).toBe('1.2公里')
    expect(formatDistance(123456)).toBe('123公里')
  })

  test("China's bounds refuse swapped or foreign coordinates", () => {
    expect(inChina(37.73, 117.21)).toBe(true)
    expect(inChina(117.21, 37.73)).toBe(false)
    expect(inChina(48.85, 2.35)).toBe(false)
  })
})
