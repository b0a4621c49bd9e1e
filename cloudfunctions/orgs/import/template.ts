import { INDUSTRIES } from '../../../src/contracts/orgs/labels'
import { AREA_COLUMNS } from './areas'
import { EMPLOYER_COLUMNS } from './employers'
import { ORG_COLUMNS } from './orgs'
import type { Columns } from './workbook'

export const TEMPLATE_FILENAME = '组织架构导入模板.xlsx'

const EXAMPLE = '（此行不会导入，可删除）'

/** [sheet, its columns, widths, the example row]: the importer reads the headers the template writes. */
function sheets(countyName: string): Array<[string, Columns<string>, number[], string[]]> {
  return [
    ['街道乡镇', AREA_COLUMNS, [24, 12, 12], [`示例：城东街道${EXAMPLE}`, '37.7312', '117.2208']],
    [
      '组织',
      ORG_COLUMNS,
      [40, 30, 12, 16, 24, 24],
      [`示例：乐陵市某某有限公司工会${EXAMPLE}`, countyName, '基层工会', '0534-6212345', '市中街道', ''],
    ],
    ['用人单位', EMPLOYER_COLUMNS, [40, 36, 40], [`示例：乐陵市某某有限公司${EXAMPLE}`, '某某公司|某某集团', '乐陵市某某有限公司工会']],
  ]
}

const NOTES = [
  '填写说明',
  '1. 三个工作表可以只填需要的；导入时先处理「街道乡镇」，再「组织」，最后「用人单位」，后面的表可以引用前面表中新增的名称。',
  '2. 第一行表头不要改动；以「示例：」开头的行不会导入。导入前会先预览每一行的结果，确认后才写入。',
  '3. 同一张表重复导入不会产生重复数据：按名称找到已有的记录，没有变化的行显示「无变化」。',
  '4. 街道乡镇：名称必填；纬度、经度可不填（GCJ-02 坐标，驿站地图用），要填须同时填写。只有县总工会管理员可以导入。',
  '5. 组织：名称在全县唯一。上级组织写上级的名称，留空则放在您所在的工会之下；已有组织留空的列保持原样。',
  '   类型：基层工会、联合工会、行业工会（县总工会为 总工会）。服务街道、行业可写多个，用「|」或「、」分隔。',
  `   行业（只有联合工会、行业工会填写）：${INDUSTRIES.map((i) => i.label).join('、')}，或「全部」。`,
  '6. 用人单位：职工在入会申请中填写这些名称时，申请自动分派到所属工会。别名是同一单位的其他写法（简称、曾用名），',
  '   用「|」或「、」分隔。所属工会写组织树中的名称。已登记的单位会改为分派到新填写的工会，并补上新的别名；导入不会删除已有别名。',
]

/** The workbook staff fill in: one sheet per kind of record, Chinese headers, one example row each, then notes. */
export async function orgTemplateWorkbook(countyName: string): Promise<Buffer> {
  // Loaded only when the template is asked for, as the other templates and exports do.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  for (const [name, columns, widths, example] of sheets(countyName || '县总工会')) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    const headers = Object.values(columns).map((c) => c.headers[0])
    ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }))
    ws.getRow(1).font = { bold: true }
    const row = ws.addRow(example)
    row.font = { italic: true, color: { argb: 'FF888888' } }
    // Text cells: Excel would otherwise drop a phone number's leading 0.
    headers.forEach((h, i) => {
      if (h === '电话') ws.getColumn(i + 1).numFmt = '@'
    })
  }
  const notes = wb.addWorksheet('填写说明')
  notes.getColumn(1).width = 110
  for (const line of NOTES) notes.addRow([line])
  notes.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
