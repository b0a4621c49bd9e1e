/** What the station importer takes; checked on the phone before uploading, and again on the server. */
const MAX_FILE_BYTES = 2 * 1024 * 1024
export const ACCEPTED = ['xlsx', 'csv']
const TOO_LARGE = '文件过大（最多 2MB，约 1 万行），请分批导入'
const WRONG_TYPE = '请选择 Excel（.xlsx）或 CSV 文件；旧版 .xls 请先另存为 .xlsx'

function acceptedName(name: string): boolean {
  return new RegExp(`\\.(${ACCEPTED.join('|')})$`, 'i').test(name)
}

/** Why a picked file will not do, before a byte of it is uploaded; null when it will. */
export function sheetProblem(file: { name: string; size: number }): string | null {
  if (!acceptedName(file.name)) return WRONG_TYPE
  if (file.size > MAX_FILE_BYTES) return TOO_LARGE
  return null
}

/** Data rows, not counting the header or blank lines; only used to tell people what they are about to import. */
export function countDataRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim()).length - 1)
}
