import { orgsApi } from '../../src/contracts/orgs/api'
import { implement } from '../_core/contract'
import { countySettings } from '../_core/county'
import { forbidden } from '../_core/errors'
import { adminRoots } from './access'
import { moveAreaAction, saveAreaAction, setAreaDisabledAction } from './areas'
import { employersAction, removeEmployerAction, saveEmployerAction } from './employers'
import { importSheetAction } from './import/action'
import { saveExport } from '../_core/exports'
import { holidaysAction, holidayWarningAction, saveHolidaysAction } from './holidays'
import { orgTemplateWorkbook, TEMPLATE_FILENAME } from './import/template'
import { moveOrgAction, repairOrgAction, saveCountyAction, saveOrgAction, setOrgDisabledAction, treeAction } from './orgs'

/** The 组织架构 action table: the tree in orgs.ts, 街道/乡镇 in areas.ts, employers in employers.ts, import in import/. */
export const orgsActions = implement(orgsApi, {
  tree: treeAction,
  saveOrg: saveOrgAction,
  moveOrg: moveOrgAction,
  repairOrg: repairOrgAction,
  setOrgDisabled: setOrgDisabledAction,
  saveCounty: saveCountyAction,
  saveArea: saveAreaAction,
  moveArea: moveAreaAction,
  setAreaDisabled: setAreaDisabledAction,
  employers: employersAction,
  saveEmployer: saveEmployerAction,
  removeEmployer: removeEmployerAction,
  importTemplate: {
    handler: async (_input, ctx) => {
      if (!adminRoots(ctx).length) throw forbidden('只有工会管理员可以导入组织架构')
      const county = await countySettings(ctx.store)
      const buf = await orgTemplateWorkbook(county?.name ?? '')
      return saveExport(ctx, TEMPLATE_FILENAME, Buffer.from(buf))
    },
  },
  importSheet: importSheetAction,
  holidays: holidaysAction,
  saveHolidays: saveHolidaysAction,
  holidayWarning: holidayWarningAction,
})
