import { PRIZE_KIND_LABELS } from '../../src/contracts/quiz/schemas'
import { asBuffer } from '../_core/exports'
import type { Pii } from '../_core/keys'
import type { DrawDoc } from './model'
import { beijingDateTime } from '../../src/contracts/time'

/**
 * Winners as .xlsx for whoever ships the prizes: the recipient, phone and address are decrypted (goods need
 * a real address); every export is audited. exceljs is loaded on the first export only.
 */
export async function winnersWorkbook(title: string, draws: DrawDoc[], pii: Pii): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '工惠'
  const ws = wb.addWorksheet('中奖名单', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [
    { header: '抽奖编号', key: 'drawId', width: 44 },
    { header: '中奖时间（北京时间）', key: 'at', width: 20 },
    { header: '奖品', key: 'prize', width: 20 },
    { header: '类型', key: 'kind', width: 8 },
    { header: '中奖人', key: 'winner', width: 10 },
    { header: '领取状态', key: 'status', width: 10 },
    { header: '收件人', key: 'name', width: 10 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '收货地址', key: 'address', width: 40 },
    { header: '券码', key: 'code', width: 18 },
  ]
  ws.getRow(1).font = { bold: true }
  const open = (v: unknown) => (typeof v === 'string' && v ? pii.decrypt(v) : '')
  for (const d of draws) {
    ws.addRow({
      drawId: d._id,
      at: beijingDateTime(d.at),
      prize: d.prizeName,
      kind: d.kind ? PRIZE_KIND_LABELS[d.kind] : '',
      winner: d.nameMasked,
      status: d.claimStatus === 'claimed' ? '已领取' : '未领取',
      name: open(d.nameCipher),
      phone: open(d.phoneCipher),
      address: open(d.addressCipher),
      code: d.voucherCode ?? '',
    })
  }
  ws.getColumn('phone').numFmt = '@'
  ws.addRow([])
  ws.addRow([`活动：${title}`])
  return asBuffer(await wb.xlsx.writeBuffer())
}
