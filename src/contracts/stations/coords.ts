/**
 * Coordinates as staff type or paste them. China's latitudes (3–54) and longitudes (73–136) do not overlap, so a
 * pair's order can be told from the numbers alone: that is how a swapped pair is caught and explained.
 */
const CN_LAT = { min: 3, max: 54 }
const CN_LNG = { min: 73, max: 136 }

export const SWAPPED_MESSAGE = '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间'

const inLat = (n: number) => n >= CN_LAT.min && n <= CN_LAT.max
const inLng = (n: number) => n >= CN_LNG.min && n <= CN_LNG.max

/** True when (lat, lng) is out of China's ranges but (lng, lat) is inside them. */
export function looksSwapped(lat: number, lng: number): boolean {
  return !(inLat(lat) && inLng(lng)) && inLat(lng) && inLng(lat)
}

type PastedCoords = { ok: true; lat: number; lng: number; swapped: boolean; message: string } | { ok: false; message: string }

/**
 * One pasted pair, 「纬度,经度」 or 「经度,纬度」, separated by a comma (half or full width), semicolon or spaces, as
 * map sites show them (lbs.qq.com/getPoint: "37.73,117.21"; 高德: "117.21,37.73").
 */
export function parsePastedCoords(input: string): PastedCoords {
  const text = input.trim()
  if (!text) return { ok: false, message: '请粘贴坐标，如 37.7306,117.2166' }
  const parts = text.split(/\s*[,，;；\s]\s*/).filter(Boolean)
  const nums = parts.map((p) => (/^[+-]?\d+(\.\d+)?$/.test(p) ? Number(p) : NaN))
  if (parts.length !== 2 || nums.some((n) => !Number.isFinite(n))) {
    return { ok: false, message: '无法识别：请粘贴两个数字，用逗号隔开，如 37.7306,117.2166' }
  }
  const [a, b] = nums
  const shown = (lat: number, lng: number) => `已按 纬度 ${lat}、经度 ${lng} 识别`
  if (inLat(a) && inLng(b)) return { ok: true, lat: a, lng: b, swapped: false, message: shown(a, b) }
  if (inLng(a) && inLat(b)) return { ok: true, lat: b, lng: a, swapped: true, message: `${shown(b, a)}（您输入的顺序是经度在前）` }
  return { ok: false, message: '坐标不在中国境内：纬度应在 3–54 之间，经度应在 73–136 之间' }
}
