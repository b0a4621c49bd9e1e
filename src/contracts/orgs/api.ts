import * as z from 'zod'
import type { DownloadLink } from '../files'
import { mutation, query } from '../api'
import {
  employersInput,
  importSheetInput,
  moveAreaInput,
  moveOrgInput,
  removeEmployerInput,
  saveAreaInput,
  saveCountyInput,
  saveEmployerInput,
  saveOrgInput,
  setAreaDisabledInput,
  setOrgDisabledInput,
  type AreaItem,
  type CountyInfo,
  type EmployerItem,
  type OrgImportReport,
  type OrgTree,
} from './schemas'
import { holidayYearInput, saveHolidaysInput, type HolidayStatus, type HolidayYear } from './holidays'

const none = z.object({})

/**
 * The `orgs` cloud function: 组织架构 (the org tree, 街道/乡镇, employers that route 入会 applications, the county's
 * settings), managed in the 工作台. Admins only: an admin of a sub-union manages that union and everything below
 * it; 街道/乡镇 and the region code belong to the county federation's admins.
 */
export const orgsApi = {
  tree: query<OrgTree>()(none, ['admin']),
  saveOrg: mutation<{ id: string; created: boolean }>()(saveOrgInput, ['admin']),
  moveOrg: mutation<{ id: string; parentId: string }>()(moveOrgInput, ['admin']),
  /**
   * Hangs an org that is off the tree (its parents loop, or its parent is gone) under an org on the tree.
   * County admins only: nobody else governs an org that no chain of parents leads to.
   */
  repairOrg: mutation<{ id: string; parentId: string }>()(moveOrgInput, ['admin']),
  setOrgDisabled: mutation<{ id: string; disabled: boolean }>()(setOrgDisabledInput, ['admin']),
  saveCounty: mutation<CountyInfo>()(saveCountyInput, ['admin']),

  saveArea: mutation<{ id: string; created: boolean }>()(saveAreaInput, ['admin']),
  moveArea: mutation<{ items: AreaItem[] }>()(moveAreaInput, ['admin']),
  setAreaDisabled: mutation<{ id: string; disabled: boolean }>()(setAreaDisabledInput, ['admin']),

  employers: query<{ items: EmployerItem[]; total: number }>()(employersInput, ['admin']),
  saveEmployer: mutation<{ id: string; created: boolean }>()(saveEmployerInput, ['admin']),
  removeEmployer: mutation<{ removed: true }>()(removeEmployerInput, ['admin']),

  /** The Excel template: sheets 街道乡镇 / 组织 / 用人单位 with Chinese headers and one example row each. */
  importTemplate: query<DownloadLink>()(none, ['admin']),
  importSheet: mutation<OrgImportReport>()(importSheetInput, ['admin']),

  /** 节假日安排: a year's 放假/调休 days (the union's entries, else the built-in data) and whether data runs out soon */
  holidays: query<{ entry: HolidayYear; status: HolidayStatus }>()(holidayYearInput, ['admin']),
  saveHolidays: mutation<{ entry: HolidayYear; status: HolidayStatus }>()(saveHolidaysInput, ['admin']),
  /** the workbench badge: 1 from 60 days before the calendar data runs out */
  holidayWarning: query<{ count: number }>()(none, ['admin']),
}

declare module '../api' {
  interface Apis {
    orgs: typeof orgsApi
  }
}
