import { definePersonal } from '../_core/personal'

export default definePersonal({
  collections: {
    employers: { none: '用人单位名称和别名，由工会维护' },
  },
})
