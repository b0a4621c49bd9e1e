import gcoord from 'gcoord'

/**
 * Coordinates for the public maps' station submissions. Stations are stored in GCJ-02 (高德, 腾讯, 微信); 百度 takes
 * BD-09. gcoord (MIT, no dependencies, already used for the browser's WGS-84) implements the published transforms.
 * Rounded to 6 decimals (≈ 0.1 m): what the submission forms accept.
 */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6

export function gcjToBd(lat: number, lng: number): { lat: number; lng: number } {
  const [bdLng, bdLat] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.BD09) as [number, number]
  return { lat: round6(bdLat), lng: round6(bdLng) }
}

export function bdToGcj(lat: number, lng: number): { lat: number; lng: number } {
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.BD09, gcoord.GCJ02) as [number, number]
  return { lat: round6(gLat), lng: round6(gLng) }
}
