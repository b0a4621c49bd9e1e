import ExcelJS from 'exceljs'
import type { TestGateway } from './harness'

/** Uploads as the app does (a path in one's own folder, then the bytes) and answers the file id an action takes. */
export async function uploadId(gw: TestGateway, kind: string, name: string, bytes: Buffer, token: string): Promise<string> {
  const res = await gw.upload(kind, name, bytes, token)
  if (!res.json.ok) throw new Error(`upload ${name}: ${JSON.stringify(res.json)}`)
  return res.json.data.fileId
}

/**
 * What every export answers: a name and a short-lived link, never the file inline. Downloads the link and opens
 * the workbook, so a test sees what the cadre would.
 */
export async function openExport(gw: TestGateway, answer: object): Promise<ExcelJS.Workbook> {
  const text = JSON.stringify(answer)
  // "UEsDB" is how a ZIP (an .xlsx) starts in base64
  if (/base64|UEsDB/.test(text) || text.length > 1000) throw new Error(`export answered the file inline: ${text.slice(0, 200)}`)
  expect(answer).toEqual(
    expect.objectContaining({
      filename: expect.stringMatching(/\.xlsx$/),
      url: expect.stringMatching(/^\/api\/files\/exports\/[\w-]+\/\d{8}-[\w-]+\.xlsx\?e=\d+&s=[\w-]+$/),
      expiresAt: expect.any(String),
    }),
  )
  const got = await gw.download((answer as { url: string }).url)
  expect(got.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(got.bytes as unknown as ArrayBuffer)
  return wb
}
