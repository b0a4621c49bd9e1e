import type { Notice, Notifier } from '../_core/notify'
import type { Store } from '../_core/store/port'

/** Locally nothing can reach WeChat, so notices are kept where a dev page can list them. */
export function outboxNotifier(store: Store, now: () => Date = () => new Date()): Notifier {
  return {
    send: async (notice: Notice) => {
      await store.insert('outbox', { ...notice, sentAt: now().toISOString() })
    },
  }
}
