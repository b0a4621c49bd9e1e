/** Great-circle distance in metres (haversine, mean Earth radius). GCJ-02 offsets are far below its error. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371008.8
  const toRad = Math.PI / 180
  const dLat = (b.lat - a.lat) * toRad
  const dLng = (b.lng - a.lng) * toRad
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)))
}

/** "850米" under a kilometre, "1.2公里" above, as map apps show it. */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.max(1, Math.round(meters))}米`
  if (meters < 100000) return `${(meters / 1000).toFixed(1)}公里`
  return `${Math.round(meters / 1000)}公里`
}

/** Mainland China's bounding box, used to refuse coordinates that are clearly typed wrong or swapped. */
const CHINA_BOUNDS = { minLat: 3.86, maxLat: 53.56, minLng: 73.66, maxLng: 135.06 }

export function inChina(lat: number, lng: number): boolean {
  return lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat && lng >= CHINA_BOUNDS.minLng && lng <= CHINA_BOUNDS.maxLng
}
