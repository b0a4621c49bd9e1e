import { parse } from 'csv-parse/sync'
import { MAX_QUESTION_FILE_BYTES, question, type Question } from '../../src/contracts/quiz/schemas'
import { decodeText, isZip, zipUnpackedSize } from '../_core/sheets'
import { loadXlsxWithin, unpackedTooLarge } from '../_core/unzip'

/**
 * Question banks come from Excel/WPS as CSV or .xlsx. One row per question:
 * 题型,题干,选项,答案,解析 — 选项 separated by | (or columns 选项A…选项F), 答案 as letters (A, AC, A,C) or,
 * for 判断, 正确/错误 (对/错, √/×). Each row is checked with the same schema as the edit form.
 */
const TYPE_WORDS: Record<string, Question['type']> = {
  单选: 'single',
  单选题: 'single',
  single: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  multiple: 'multiple',
  判断: 'judge',
  判断题: 'judge',
  judge: 'judge',
}
const COLS: Record<string, string> = {
  题型: 'type',
  type: 'type',
  题干: 'stem',
  题目: 'stem',
  stem: 'stem',
  选项: 'options',
  options: 'options',
  答案: 'answer',
  正确答案: 'answer',
  answer: 'answer',
  解析: 'explanation',
  答案解析: 'explanation',
  explanation: 'explanation',
  选项a: 'o0',
  选项b: 'o1',
  选项c: 'o2',
  选项d: 'o3',
  选项e: 'o4',
  选项f: 'o5',
  a: 'o0',
  b: 'o1',
  c: 'o2',
  d: 'o3',
  e: 'o4',
  f: 'o5',
}
const MAX_IMPORT_ROWS = 500

export type ImportRow = { row: number; stem: string; ok: true; question: Question } | { row: number; stem: string; ok: false; errors: string[] }
type ImportParse = { ok: true; rows: ImportRow[] } | { ok: false; message: string }

function answerOf(type: Question['type'] | undefined, text: string, errors: string[]): number[] {
  const t = text.replace(/\s/g, '').toUpperCase()
  if (type === 'judge') {
    if (['正确', '对', '√', 'T', 'TRUE', 'A', '是'].includes(t)) return [0]
    if (['错误', '错', '×', 'X', 'F', 'FALSE', 'B', '否'].includes(t)) return [1]
    errors.push(`判断题答案应为「正确」或「错误」，收到「${text}」`)
    return []
  }
  const letters = t.replace(/[,，、;；|]/g, '')
  if (!letters || !/^[A-F]+$/.test(letters)) {
    errors.push(`答案应为选项字母（如 A 或 AC），收到「${text}」`)
    return []
  }
  return [...new Set([...letters].map((ch) => ch.charCodeAt(0) - 65))]
}

function rowsToQuestions(records: string[][]): ImportParse {
  if (records.length < 2) return { ok: false, message: '文件至少需要表头和一行题目' }
  const header = records[0].map((h) => COLS[String(h).trim().toLowerCase()] ?? COLS[String(h).trim()])
  for (const need of ['type', 'stem', 'answer']) {
    if (!header.includes(need)) return { ok: false, message: '表头应为：题型,题干,选项,答案,解析（选项用 | 分隔，或分列为 选项A…选项F）' }
  }
  if (!header.includes('options') && !header.includes('o0')) return { ok: false, message: '缺少「选项」列（判断题可留空）' }
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 题，请分批导入` }
  const rows: ImportRow[] = []
  const seen = new Set<string>()
  for (let i = 1; i < records.length; i++) {
    const raw: Record<string, string> = {}
    header.forEach((f, col) => {
      if (f) raw[f] = String(records[i][col] ?? '').trim()
    })
    if (!Object.values(raw).some(Boolean)) continue
    const row = i + 1
    const stem = raw.stem ?? ''
    const errors: string[] = []
    const type = TYPE_WORDS[(raw.type ?? '').toLowerCase()]
    if (!type) errors.push(`题型应为 单选、多选 或 判断，收到「${raw.type ?? ''}」`)
    const options = raw.options
      ? raw.options
          .split(/[|｜]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'].map((k) => raw[k] ?? '').filter(Boolean)
    const answer = answerOf(type, raw.answer ?? '', errors)
    if (seen.has(stem)) errors.push('与文件中前面的题目重复')
    if (!errors.length) {
      const parsed = question.safeParse({ type, stem, options, answer, explanation: raw.explanation ?? '' })
      if (parsed.success) {
        seen.add(stem)
        rows.push({ row, stem, ok: true, question: parsed.data })
        continue
      }
      for (const issue of parsed.error.issues) if (!errors.includes(issue.message)) errors.push(issue.message)
    }
    rows.push({ row, stem, ok: false, errors })
  }
  if (!rows.length) return { ok: false, message: '文件里没有题目' }
  return { ok: true, rows }
}

export function parseQuestionsCsv(csv: string): ImportParse {
  let records: string[][]
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch (e) {
    return { ok: false, message: `CSV 格式错误：${(e as Error).message.slice(0, 80)}` }
  }
  return rowsToQuestions(records)
}

/** The first sheet of an .xlsx, read with exceljs (loaded on first import only, like the export). */
async function parseQuestionsXlsx(file: Buffer): Promise<ImportParse> {
  // Inflated within the limit before exceljs sees it: the sizes the ZIP declares are not trusted (_core/unzip.ts).
  const loaded = await loadXlsxWithin(file, MAX_XLSX_UNPACKED)
  if (!loaded.ok) {
    return {
      ok: false,
      message:
        loaded.reason === 'too_large'
          ? unpackedTooLarge('这个 Excel 文件', MAX_XLSX_UNPACKED)
          : '无法读取这个 Excel 文件，请另存为 .xlsx 或 CSV 后重试',
    }
  }
  const wb = loaded.workbook
  const ws = wb.worksheets[0]
  if (!ws) return { ok: false, message: 'Excel 文件里没有工作表' }
  const records: string[][] = []
  ws.eachRow({ includeEmpty: true }, (r) => {
    const vals = (r.values as unknown[]).slice(1)
    records.push(
      vals.map((v) =>
        v == null
          ? ''
          : typeof v === 'object' && v && 'text' in v
            ? String((v as { text: unknown }).text)
            : typeof v === 'object' && v && 'richText' in v
              ? (v as { richText: { text: string }[] }).richText.map((x) => x.text).join('')
              : String(v),
      ),
    )
  })
  return rowsToQuestions(records)
}

/** A 500-question workbook unpacks to well under this; more means a ZIP made to exhaust memory. */
const MAX_XLSX_UNPACKED = 30 * 1024 * 1024
const FILE_TOO_LARGE = `文件太大（最多 ${MAX_QUESTION_FILE_BYTES / 1024 / 1024} MB）`

/** An uploaded bank: .xlsx by its bytes (a ZIP), otherwise CSV in UTF-8 (with or without BOM) or GBK. */
export async function parseQuestionsFile(bytes: Buffer): Promise<ImportParse> {
  if (bytes.length > MAX_QUESTION_FILE_BYTES) return { ok: false, message: FILE_TOO_LARGE }
  if (isZip(bytes)) {
    const unpacked = zipUnpackedSize(bytes)
    if (unpacked === null) return { ok: false, message: '无法读取这个 Excel 文件，请另存为 .xlsx 或 CSV 后重试' }
    if (unpacked > MAX_XLSX_UNPACKED) return { ok: false, message: FILE_TOO_LARGE }
    return parseQuestionsXlsx(bytes)
  }
  const { text } = decodeText(bytes)
  if (text.includes('\u0000')) return { ok: false, message: '文件不是 CSV 或 .xlsx 格式：旧版 .xls 请先另存为 .xlsx' }
  return parseQuestionsCsv(text)
}
