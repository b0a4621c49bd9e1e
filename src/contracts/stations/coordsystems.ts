import gcoord from 'gcoord'

/**
 * Which map a sheet's coordinates came from. Stations are stored in GCJ-02 (高德, 腾讯, 微信); a sheet from 百度 is
 * BD-09 and one from a GPS logger is WGS-84. The numbers alone cannot tell them apart (they differ by a few hundred
 * metres), so the importer reads what the sheet says (a header such as 「纬度（BD-09，百度）」 or a 坐标系 column),
 * else what staff chose, else assumes 高德/腾讯 — and says which in the preview.
 */
export const COORD_SYSTEMS = ['gcj02', 'bd09', 'wgs84'] as const
export type CoordSystem = (typeof COORD_SYSTEMS)[number]

/** Staff's words for each system, for the import page's choice and the preview sentence. */
export const COORD_SYSTEM_LABELS: Record<CoordSystem, string> = {
  gcj02: '高德/腾讯地图坐标',
  bd09: '百度地图坐标',
  wgs84: 'GPS 原始坐标',
}

/** A 坐标系 cell or a header's words → the system; undefined when it names none. */
export function coordSystemFromText(text: string): CoordSystem | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '')
  if (!t) return undefined
  if (/bd09|百度|baidu/.test(t)) return 'bd09'
  if (/gcj02|高德|腾讯|gaode|amap|tencent|微信|火星/.test(t)) return 'gcj02'
  if (/wgs84|gps|北斗|天地图|原始/.test(t)) return 'wgs84'
  return undefined
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

/** The point in GCJ-02, rounded to 6 decimals (≈ 0.1 m), as stations are stored. */
export function toGcj02(system: CoordSystem, lat: number, lng: number): { lat: number; lng: number } {
  if (system === 'gcj02') return { lat, lng }
  const from = system === 'bd09' ? gcoord.BD09 : gcoord.WGS84
  const [gLng, gLat] = gcoord.transform([lng, lat], from, gcoord.GCJ02) as [number, number]
  return { lat: round6(gLat), lng: round6(gLng) }
}

/** How the importer decided. */
export type CoordBasis = 'column' | 'header' | 'chosen' | 'assumed'

export interface ImportCoords {
  /** the system used for most rows */
  system: CoordSystem
  basis: CoordBasis
  /** rows per system when a 坐标系 column mixes them */
  rows?: Partial<Record<CoordSystem, number>>
  /** the sentence shown to staff in the preview */
  text: string
}

export function importCoordsText(c: Omit<ImportCoords, 'text'>): string {
  const label = COORD_SYSTEM_LABELS[c.system]
  const converted = c.system === 'gcj02' ? '' : '，已换算为高德/腾讯地图坐标保存'
  switch (c.basis) {
    case 'column': {
      const parts = COORD_SYSTEMS.filter((s) => c.rows?.[s]).map((s) => `${COORD_SYSTEM_LABELS[s]} ${c.rows?.[s]} 行`)
      return `按每行「坐标系」一列导入：${parts.join('、')}${parts.length > 1 || c.system !== 'gcj02' ? '，已换算为高德/腾讯地图坐标保存' : ''}`
    }
    case 'header':
      return `表头注明了坐标来源，按${label}导入${converted}`
    case 'chosen':
      return `按您选择的${label}导入${converted}`
    case 'assumed':
      return `表格没有注明坐标来自哪个地图，按${label}导入。如果坐标是从百度地图取的，请在上面选择「百度地图」后重新预览，否则位置会偏几百米`
  }
}
