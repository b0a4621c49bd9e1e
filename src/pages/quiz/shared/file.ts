import { MAX_QUESTION_FILE_BYTES } from '@/contracts/quiz/schemas'

/** Question banks come as .xlsx or CSV; checked on the phone before uploading, and again on the server. */
export const QUESTION_FILE_EXTS = ['csv', 'xlsx']

export function questionFileProblem(file: { name: string; size: number }): string | null {
  if (!/\.(csv|xlsx)$/i.test(file.name)) return '请选择 .xlsx 或 .csv 文件；旧版 .xls 请先另存为 .xlsx'
  if (file.size > MAX_QUESTION_FILE_BYTES) return `文件太大（最多 ${MAX_QUESTION_FILE_BYTES / 1024 / 1024} MB）`
  return null
}
