import { HOLIDAYS } from '../_core/holidays'
import { definePersonal } from '../_core/personal'

export default definePersonal({
  collections: {
    employers: { none: '用人单位名称和别名，由工会维护' },
    org_names: { none: '组织名称的唯一索引，由工会维护' },
    [HOLIDAYS]: { none: '国务院办公厅的放假安排，由县总工会管理员录入' },
  },
})
