import { classDays, GRADE_LABELS } from '../../src/contracts/childcare/rules'
import { asBuffer } from '../_core/exports'
import { CLAIM_STATE_LABELS, priorityLabel } from '../../src/contracts/childcare/priority'
import type { BookingDoc, ClassDoc } from './model'

const STATUS: Record<BookingDoc['status'], string> = { confirmed: '已确认', waitlisted: '候补', offered: '候补待确认', applied: '已申请抽签' }

/** 优先名额 claim: the group, where staff's check stands, and whether it holds a reserved place. */
function claimCell(c: NonNullable<BookingDoc['claim']>): string {
  const state = c.auto && c.state === 'verified' ? '按入会信息自动核实' : CLAIM_STATE_LABELS[c.state]
  return `${priorityLabel(c.group)}（${state}${c.pool === 'priority' ? '，占优先名额' : ''}）`
}

/** The roster as a real .xlsx (exceljs); 身份证号 always masked. */
export async function rosterWorkbook(cls: ClassDoc, rows: BookingDoc[]): Promise<Buffer> {
  // Loaded on first export only, as in membership: exceljs is most of the bundle and every other call skips it.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  const ws = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] })
  const days = classDays(cls.startDate, cls.endDate).length
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '性别', key: 'gender', width: 6 },
    { header: '年级', key: 'grade', width: 8 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '家长', key: 'parent', width: 10 },
    { header: '状态', key: 'status', width: 12 },
    { header: '出勤天数', key: 'attended', width: 10 },
    { header: `出勤率（共 ${days} 天）`, key: 'rate', width: 16 },
    ...(cls.priority ? [{ header: '优先资格', key: 'claim', width: 26 }] : []),
  ]
  ws.getRow(1).font = { bold: true }
  rows.forEach((b, i) => {
    ws.addRow({
      no: i + 1,
      name: b.childName,
      gender: b.gender,
      grade: GRADE_LABELS[b.grade] ?? String(b.grade),
      id: b.idMasked,
      parent: b.parentName,
      status: STATUS[b.status],
      attended: b.checkins.length,
      rate: days ? `${Math.round((b.checkins.length / days) * 100)}%` : '',
      ...(cls.priority ? { claim: b.claim ? claimCell(b.claim) : '' } : {}),
    })
  })
  ws.getColumn('id').numFmt = '@'
  return asBuffer(await wb.xlsx.writeBuffer())
}
