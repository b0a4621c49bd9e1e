import { PassThrough } from 'node:stream'
import type { stream } from 'exceljs'

type StreamedWorkbook = stream.xlsx.WorkbookWriter

/**
 * Builds an .xlsx with exceljs's streaming writer: each committed row is zipped and let go, so a 50,000-row
 * export holds the compressed file, not a model of every cell (the in-memory Workbook took hundreds of MB).
 * `fill` adds the sheets and commits each row; the bytes come back whole, ready for storage.
 */
export async function streamedXlsx(fill: (wb: StreamedWorkbook) => void | Promise<void>): Promise<Buffer> {
  // Loaded on first use only: exceljs is most of a function's code, and other calls' cold starts skip it.
  const { default: ExcelJS } = await import('exceljs')
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = '工惠'
  await fill(wb)
  await wb.commit()
  await done
  return Buffer.concat(chunks)
}
