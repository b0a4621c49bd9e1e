import type { FieldError } from '../../../src/contracts/result'
import type { ImportRow, SheetName, SheetReport } from '../../../src/contracts/orgs/schemas'
import type { Ctx } from '../../_core/contract'
import type { CountySettings } from '../../_core/county'
import type { Store } from '../../_core/store/port'
import type { AreaRecord } from '../model'
import type { OrgIndex } from '../tree'
import type { Columns } from './workbook'

/**
 * What the import plans against: the store's orgs and areas as read once, changed in memory as each row is
 * planned, so a later row (or sheet) sees what an earlier one will create. The 预览 and the real import plan the
 * same way; only the real one runs the rows' writes.
 */
export interface World {
  ctx: Ctx
  roots: string[]
  /** where an org row with an empty 上级组织 goes: the caller's own union */
  home: string | null
  county: CountySettings | null
  countyAdmin: boolean
  orgs: OrgIndex
  areas: AreaRecord[]
  at: string
}

export interface RowPlan {
  report: ImportRow
  /** the row's writes and audit record, run in one transaction; absent when nothing changes */
  write?: (tx: Store) => Promise<void>
}

export interface SheetPlan {
  sheet: SheetName
  /** in the sheet's order, for the report */
  rows: RowPlan[]
  /** in the order to write them: parents before the orgs under them */
  writeOrder: RowPlan[]
  skipped: number
  /** a problem with the whole sheet (a missing column): no row is imported */
  message?: string
}

export function refused(row: number, name: string, errors: FieldError[]): RowPlan {
  return { report: { row, name, status: 'refused', errors } }
}

/** A zod issue's field, reported under the column it came from. */
export function columnOf<F extends string>(columns: Columns<F>, field: string): string {
  return (columns as Record<string, { headers: string[] }>)[field]?.headers[0] ?? field
}

export function toReport(plan: SheetPlan): SheetReport {
  const count = (s: ImportRow['status']) => plan.rows.filter((r) => r.report.status === s).length
  return {
    sheet: plan.sheet,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    skipped: plan.skipped,
    rows: plan.rows.map((r) => r.report),
    ...(plan.message ? { message: plan.message } : {}),
  }
}

/** 「—」 for nothing, as the pages show an empty value. */
export function shown(value: string | string[] | null | undefined): string {
  const v = Array.isArray(value) ? value.join('、') : value
  return v ? v : '—'
}
