import type { Ctx } from '../_core/contract'
import { asBuffer, saveExport } from '../_core/exports'
import { findAll } from '../_core/paging'
import type { DownloadLink } from '../../src/contracts/files'
import { amenityLabel } from '../../src/contracts/stations/amenities'
import { gcjToBd } from '../../src/contracts/stations/mapcoords'
import { managedWhere } from './access'
import type { StationDoc } from './model'

const MAP_EXPORT_FILENAME = '驿站地图标注表.xlsx'

/** The columns 高德 and 百度 station submissions ask for, with both coordinate systems side by side. */
const MAP_EXPORT_HEADERS = [
  '名称',
  '地址',
  '纬度（GCJ-02，高德/腾讯）',
  '经度（GCJ-02，高德/腾讯）',
  '纬度（BD-09，百度）',
  '经度（BD-09，百度）',
  '开放时间',
  '电话',
  '服务项目',
  '分类',
] as const

/** Every station the caller manages, one row each, for submitting to the public maps (全总: 找得到). */
export async function exportMap(ctx: Ctx): Promise<DownloadLink> {
  const seen = new Map<string, StationDoc>()
  for (const where of await managedWhere(ctx.store, ctx.caller)) {
    const ids = (where._id as { $in?: string[] } | undefined)?.$in
    // A keeper's few stations by id; a union's by org (findAll pages by _id, so it takes no _id filter).
    const docs = ids
      ? (await Promise.all(ids.map((id) => ctx.store.get<StationDoc>('stations', id)))).filter((d): d is StationDoc => d?.status === 'active')
      : await findAll<StationDoc>(ctx.store, 'stations', where)
    for (const d of docs) seen.set(d._id, d)
  }
  const rows = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  const ws = wb.addWorksheet('驿站', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow([...MAP_EXPORT_HEADERS]).font = { bold: true }
  for (const s of rows) {
    const bd = gcjToBd(s.location.lat, s.location.lng)
    ws.addRow([
      s.name,
      s.address,
      s.location.lat,
      s.location.lng,
      bd.lat,
      bd.lng,
      s.hours,
      s.phone,
      s.amenities.map(amenityLabel).join('、'),
      '户外劳动者服务站点',
    ])
  }
  ws.columns.forEach((c, i) => (c.width = [36, 34, 14, 14, 14, 14, 18, 16, 40, 18][i]))
  ctx.log.info('stations_map_export', { by: ctx.caller.openid, rows: rows.length })
  return saveExport(ctx, MAP_EXPORT_FILENAME, asBuffer(await wb.xlsx.writeBuffer()), rows.length)
}
