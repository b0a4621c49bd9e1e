import { checkIdNumber, PHONE_RE } from '../../src/contracts/membership/idcard'
import { ROSTER_MAX_ROWS } from '../../src/contracts/membership/roster'
import type { FieldError } from '../../src/contracts/result'
import { isExample, openXlsx, records, sheetLines, type Columns } from '../_core/xlsx'

/** The roster's columns; the first header is the template's, the others what unions' own sheets call them. */
export const ROSTER_COLUMNS = {
  name: { headers: ['姓名', '会员姓名'], required: true },
  idNumber: { headers: ['身份证号', '身份证号码', '公民身份号码', '身份证'], required: true },
  phone: { headers: ['手机号', '手机号码', '联系电话', '电话'], required: true },
  employer: { headers: ['工作单位', '单位', '单位名称'], required: true },
  joinDate: { headers: ['入会日期', '入会时间'], required: true },
  memberNo: { headers: ['会员编号', '会员证号'] },
  org: { headers: ['所属工会', '工会'] },
} satisfies Columns<string>
type RosterField = keyof typeof ROSTER_COLUMNS

export const ROSTER_SHEET = '会员名册'

/** One roster line checked on its own (the store is asked later): the values, or what is wrong, by column. */
type RosterLine =
  /** the template's example row: counted, never imported */
  | { line: number; ok: true; example: true }
  | { line: number; ok: true; example: false; values: RosterValues }
  | { line: number; ok: false; name: string; idNumber: string; errors: FieldError[] }

export interface RosterValues {
  name: string
  idNumber: string
  gender: '男' | '女'
  phone: string
  employer: string
  /** YYYY-MM-DD */
  joinDate: string
  memberNo: string
  org: string
}

const NAME_RE = /^[\u4e00-\u9fa5·•A-Za-z ]{2,30}$/
const MEMBER_NO_RE = /^[0-9A-Za-z-]{4,30}$/

/** 2019-05-01, 2019/5/1, 2019.5.1, 2019年5月1日, or an Excel date cell (read as an ISO time at UTC midnight). */
function rosterDate(raw: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})T00:00:00(\.000)?Z$/.exec(raw)
  const m = iso ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1950 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function checkLine(line: number, v: Record<RosterField, string>, today: string): RosterLine {
  if (isExample(v.name)) return { line, ok: true, example: true }
  const errors: FieldError[] = []
  const name = v.name.normalize('NFC')
  if (!name) errors.push({ path: '姓名', message: '请填写姓名' })
  else if (!NAME_RE.test(name)) errors.push({ path: '姓名', message: '姓名应为 2 到 30 个汉字或字母' })
  const id = checkIdNumber(v.idNumber)
  if (!v.idNumber) errors.push({ path: '身份证号', message: '请填写身份证号' })
  else if (!id.ok)
    errors.push({
      path: '身份证号',
      // A long number typed into a number cell comes back as 3.71481E+17: say what happened.
      message: /e\+/i.test(v.idNumber) ? 'Excel 把身份证号当成了数字，末几位已丢失：请把这一列设为「文本」后重新填写' : id.message,
    })
  if (!v.phone) errors.push({ path: '手机号', message: '请填写手机号（会员认证时用它核对）' })
  else if (!PHONE_RE.test(v.phone)) errors.push({ path: '手机号', message: '手机号应为 11 位大陆手机号' })
  if (v.employer.length < 2 || v.employer.length > 60)
    errors.push({ path: '工作单位', message: v.employer ? '工作单位应为 2 到 60 个字' : '请填写工作单位' })
  const joinDate = rosterDate(v.joinDate)
  if (!v.joinDate) errors.push({ path: '入会日期', message: '请填写入会日期' })
  else if (!joinDate) errors.push({ path: '入会日期', message: '入会日期应写成 2019-05-01 这样的日期' })
  else if (joinDate > today) errors.push({ path: '入会日期', message: '入会日期不能晚于今天' })
  if (v.memberNo && !MEMBER_NO_RE.test(v.memberNo)) errors.push({ path: '会员编号', message: '会员编号只能是 4 到 30 位数字或字母' })
  if (errors.length || !id.ok || !joinDate) return { line, ok: false, name, idNumber: id.ok ? id.normalized : '', errors }
  return {
    line,
    ok: true,
    example: false,
    values: { name, idNumber: id.normalized, gender: id.gender, phone: v.phone, employer: v.employer, joinDate, memberNo: v.memberNo, org: v.org },
  }
}

/**
 * The roster sheet's rows, each checked on its own. The sheet is 「会员名册」, or the only sheet there is. The
 * template's example row is read (to be skipped and counted) rather than imported.
 */
export async function readRoster(buf: Buffer, today: string): Promise<{ ok: true; lines: RosterLine[] } | { ok: false; message: string }> {
  const opened = await openXlsx(buf)
  if (!opened.ok) return opened
  const sheets = opened.workbook.worksheets.filter((w) => w.name.trim() !== '填写说明')
  const ws = sheets.find((w) => w.name.trim() === ROSTER_SHEET) ?? (sheets.length === 1 ? sheets[0] : undefined)
  if (!ws) return { ok: false, message: `没有找到工作表「${ROSTER_SHEET}」：请按模板填写` }
  const raw = sheetLines(ws, ROSTER_MAX_ROWS)
  if (!raw) return { ok: false, message: `「${ws.name}」超过 ${ROSTER_MAX_ROWS} 行，请按单位分批导入` }
  const parsed = records(raw, ROSTER_COLUMNS)
  if (!parsed.ok) return parsed
  return { ok: true, lines: parsed.rows.map((r) => checkLine(r.line, r.values, today)) }
}
