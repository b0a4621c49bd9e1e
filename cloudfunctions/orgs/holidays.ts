import calendar from 'chinese-days/dist/chinese-days.json'
import type { orgsApi } from '../../src/contracts/orgs/api'
import type { HolidayYear } from '../../src/contracts/orgs/holidays'
import type { Impl } from '../_core/contract'
import { HOLIDAYS, holidayStatus, PACKAGE_FIRST_YEAR, PACKAGE_LAST_YEAR, type HolidayDoc } from '../_core/holidays'
import { requireCountyAdmin } from './access'

/** 节假日安排: the county's admins enter each year's State Council notice; deadlines in working days read it. */

const data = calendar as { holidays: Record<string, string>; workdays: Record<string, string> }

function packageYear(year: number): HolidayYear {
  const prefix = `${year}-`
  return {
    year,
    off: Object.keys(data.holidays)
      .filter((d) => d.startsWith(prefix))
      .sort(),
    work: Object.keys(data.workdays)
      .filter((d) => d.startsWith(prefix))
      .sort(),
    source: 'package',
  }
}

export const holidaysAction: Impl<typeof orgsApi.holidays> = {
  handler: async ({ year }, ctx) => {
    const [doc, status] = await Promise.all([ctx.store.get<HolidayDoc>(HOLIDAYS, String(year)), holidayStatus(ctx.store, ctx.now())])
    let entry: HolidayYear
    if (doc) entry = { year, off: doc.off, work: doc.work, source: 'union', updatedAt: doc.updatedAt, updatedByName: doc.updatedByName }
    else if (year >= PACKAGE_FIRST_YEAR && year <= PACKAGE_LAST_YEAR) entry = packageYear(year)
    else entry = { year, off: [], work: [], source: 'none' }
    return { entry, status }
  },
}

export const saveHolidaysAction: Impl<typeof orgsApi.saveHolidays> = {
  audit: 'orgs.holidays',
  handler: async ({ year, off, work }, ctx) => {
    // One calendar for the county: only its own admins set it.
    await requireCountyAdmin(ctx)
    const at = ctx.now().toISOString()
    const doc: HolidayDoc = { _id: String(year), year, off, work, updatedAt: at, updatedBy: ctx.caller.openid, updatedByName: ctx.caller.name }
    await ctx.store.transaction(async (tx) => {
      const old = await tx.get<HolidayDoc>(HOLIDAYS, doc._id)
      await tx.put(HOLIDAYS, doc)
      await ctx.audit(tx, doc._id, old ? { off: old.off.length, work: old.work.length } : null, { off: off.length, work: work.length })
    })
    return {
      entry: { year, off, work, source: 'union', updatedAt: at, updatedByName: ctx.caller.name },
      status: await holidayStatus(ctx.store, ctx.now()),
    }
  },
}

export const holidayWarningAction: Impl<typeof orgsApi.holidayWarning> = {
  handler: async (_input, ctx) => ({ count: (await holidayStatus(ctx.store, ctx.now())).warning ? 1 : 0 }),
}
