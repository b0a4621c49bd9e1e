import * as z from 'zod'
import '../zod'
import { uploadedFile } from '../files'
import type { FieldError } from '../result'

/**
 * 会员名册导入: the members a union already has on paper come in from Excel. Each row becomes a membership (status
 * 已通过, no application), so nobody on the roster applies again; the worker then claims the e-card by 会员认证.
 */
export const importRosterInput = z.object({
  fileId: uploadedFile('表格文件'),
  dryRun: z.boolean({ error: '「预览」必须是真或假' }).default(false),
})

export type RosterRowStatus = 'created' | 'updated' | 'unchanged' | 'refused'

export interface RosterRow {
  /** the sheet's own row number, header = 1 */
  row: number
  /** 姓名 as written (the report is for the staff who uploaded it; 身份证号 only masked) */
  name: string
  idNumberMasked: string
  status: RosterRowStatus
  /** `path` is the column header, e.g. 身份证号 */
  errors?: FieldError[]
  /** what an update changes, in words: 「工作单位：A → B」 */
  changes?: string[]
  /** the member number the row has or will get (blank 会员编号 cells get one on import) */
  memberNo?: string
}

/** With `dryRun` the counts say what a real import would do; nothing was written. */
export interface RosterReport {
  dryRun: boolean
  created: number
  updated: number
  unchanged: number
  refused: number
  /** the template's example row, left out on purpose */
  skipped: number
  rows: RosterRow[]
}

/** A sheet this big is several units' rosters: they go in one by one (and one call stays within its time). */
export const ROSTER_MAX_ROWS = 1000
