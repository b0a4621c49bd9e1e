import { AMENITIES } from '../../src/contracts/stations/amenities'
import { asBuffer } from '../_core/exports'

export const TEMPLATE_FILENAME = '驿站导入模板.xlsx'

/** The example row's name: the importer skips every row whose 名称 starts with 「示例：」. */
export const TEMPLATE_EXAMPLE_NAME = '示例：城东快递驿站（此行不会导入，可删除）'

/**
 * The sheet staff fill in: the Chinese headers the importer reads, one example row it skips, and a second sheet of
 * notes. The first sheet is the one imported, so the notes never get in the way.
 */
export async function importTemplateWorkbook(): Promise<Buffer> {
  // Loaded only when the template is asked for, as the membership export does.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  const ws = wb.addWorksheet('驿站', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [
    { header: '名称', key: 'name', width: 36 },
    { header: '地址', key: 'address', width: 34 },
    { header: '纬度', key: 'lat', width: 12 },
    { header: '经度', key: 'lng', width: 12 },
    { header: '开放时间', key: 'hours', width: 18 },
    { header: '设施', key: 'amenities', width: 24 },
    { header: '电话', key: 'phone', width: 16 },
  ]
  ws.getRow(1).font = { bold: true }
  const example = ws.addRow({
    name: TEMPLATE_EXAMPLE_NAME,
    address: '乐陵市城东街道振兴路18号',
    lat: 37.7312,
    lng: 117.2208,
    hours: '08:00-20:00',
    amenities: '饮水|充电|休息座椅',
    phone: '0534-6212345',
  })
  example.font = { italic: true, color: { argb: 'FF888888' } }
  // Text cells: Excel would otherwise drop a phone number's leading 0 or turn 08:00 into a time.
  ws.getColumn('phone').numFmt = '@'
  ws.getColumn('hours').numFmt = '@'

  const notes = wb.addWorksheet('填写说明')
  notes.getColumn(1).width = 90
  for (const line of [
    '填写说明（只导入第一个工作表「驿站」）',
    '1. 每行一个驿站；第一行表头不要改动。名称以「示例：」开头的行不会导入。',
    '2. 纬度、经度：GCJ-02 坐标（微信、高德、腾讯地图使用的坐标系），不要填百度坐标或 GPS 原始坐标。',
    '   可在 https://lbs.qq.com/getPoint/ 搜索地址，点击地图后复制坐标。乐陵一带约为 纬度 37.7、经度 117.2。',
    '3. 开放时间如：08:00-20:00、20:00-次日08:00、24小时、周一至周五 08:00-18:00；周六 09:00-12:00',
    `4. 设施用「|」分隔，可用：${AMENITIES.map((a) => a.label).join('、')}`,
    '5. 电话：手机号或带区号的座机，如 0534-6212345，可不填。',
    '6. 名称和地址都相同的驿站会被更新，其余新建。导入前会先预览每一行的结果。',
  ]) {
    notes.addRow([line])
  }
  notes.getRow(1).font = { bold: true }
  return asBuffer(await wb.xlsx.writeBuffer())
}
