import { definePersonal } from '../_core/personal'

export default definePersonal({
  collections: {
    announcements: { none: '工会发布的通知公告' },
    outbox: { owner: 'openid', erase: 'delete' },
  },
})
