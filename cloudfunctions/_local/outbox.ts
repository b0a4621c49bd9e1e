import type { Logger } from '../_core/log'
import type { Notifier } from '../_core/notify'

/**
 * Locally nothing can reach WeChat: the outbox entry itself is the record (消息中心 lists it), so delivery
 * only logs which template would have gone out, and says so: the notice is 消息中心-only, never "sent".
 */
export function localNotifier(log: Logger): Notifier {
  return {
    send: async (notice) => {
      log.info('notice_local', { template: notice.template })
      return { status: 'skipped', reason: 'local' }
    },
  }
}
