import { defineModule } from '../_core/module'
import { messagesActions } from './actions'
import { seedMessages } from './seed'

export default defineModule({
  actions: messagesActions,
  collections: {
    announcements: { indexes: [['status', 'pinned', 'publishedAt'], ['status', 'audienceKey', 'pinned', 'publishedAt'], 'audienceKey'] },
    // 消息中心's unread count; the outbox's own (openid, createdAt) index serves the inbox list.
    outbox: { indexes: [['openid', 'readAt']] },
  },
  seed: seedMessages,
})
