import type { orgsApi } from '../../../src/contracts/orgs/api'
import type { OrgImportReport } from '../../../src/contracts/orgs/schemas'
import type { Ctx, Impl } from '../../_core/contract'
import { countySettings } from '../../_core/county'
import { AppError } from '../../_core/errors'
import { discardUpload, ownUpload } from '../../_core/uploads'
import { DuplicateKeyError } from '../../_core/store/port'
import { adminRoots } from '../access'
import { loadAreas } from '../orgs'
import { OrgIndex } from '../tree'
import { planAreas } from './areas'
import { planEmployers } from './employers'
import { planOrgs } from './orgs'
import { toReport, type SheetPlan, type World } from './world'
import { readWorkbook } from './workbook'

/**
 * Plans every row of the workbook (街道乡镇 first, then 组织, then 用人单位, so each sheet may name what the one
 * before adds) and, unless it is the 预览, writes each row that changes something in its own transaction with its
 * audit record. The bytes come as a Buffer, whoever fetched them.
 */
async function importWorkbook(ctx: Ctx, buf: Buffer, dryRun: boolean): Promise<OrgImportReport> {
  const book = await readWorkbook(buf)
  if (!book.ok) throw new AppError('VALIDATION_FAILED', book.message, [{ path: 'fileId', message: book.message }])
  const roots = adminRoots(ctx)
  const county = await countySettings(ctx.store)
  const w: World = {
    ctx,
    roots,
    home: roots[0] ?? null,
    county,
    countyAdmin: !!county && roots.includes(county.orgId),
    orgs: await OrgIndex.load(ctx.store),
    areas: await loadAreas(ctx),
    at: ctx.now().toISOString(),
  }
  const plans: SheetPlan[] = []
  const areas = book.sheets.get('街道乡镇')
  if (areas) plans.push(planAreas(w, areas))
  const orgs = book.sheets.get('组织')
  if (orgs) plans.push(planOrgs(w, orgs))
  const employers = book.sheets.get('用人单位')
  if (employers) plans.push(await planEmployers(w, employers))

  if (!dryRun) await writePlans(ctx, plans)
  const report: OrgImportReport = { dryRun, sheets: plans.map(toReport) }
  if (!dryRun) {
    const counts = report.sheets.map((s) => `${s.sheet}:${s.created}/${s.updated}/${s.unchanged}/${s.refused}`).join(' ')
    ctx.log.info('orgs_imported', { by: ctx.caller.openid, sheets: counts })
  }
  return report
}

/** Each changing row in its own transaction with its audit record, parents before the orgs under them. */
async function writePlans(ctx: Ctx, plans: SheetPlan[]): Promise<void> {
  for (const plan of plans) {
    for (const row of plan.writeOrder) {
      if (!row.write) continue
      try {
        await ctx.store.transaction(row.write)
      } catch (e) {
        if (!(e instanceof DuplicateKeyError) && !(e instanceof AppError)) throw e
        // Someone changed the same record (or the tree, or took the name) a moment ago: this row is reported
        // with the reason the transaction found, the others still go in.
        const tree = e instanceof AppError && e.code === 'CONFLICT'
        const message = e instanceof AppError ? `${e.message.replace(/，请刷新后再试$/, '')}，请重新导入这一行` : '刚被他人同时修改，请重新导入这一行'
        row.report = {
          row: row.report.row,
          name: row.report.name,
          status: 'refused',
          errors: [{ path: tree ? '上级组织' : '名称', message }],
        }
      }
    }
  }
}

export const importSheetAction: Impl<typeof orgsApi.importSheet> = {
  audit: 'orgs.import',
  handler: async ({ fileId, dryRun }, ctx) => {
    const upload = await ownUpload(ctx, fileId, 'sheet')
    const report = await importWorkbook(ctx, upload.bytes, dryRun)
    // The preview keeps the upload for 确认导入; once applied it is done with.
    if (!dryRun) await discardUpload(ctx, upload)
    return report
  },
}
