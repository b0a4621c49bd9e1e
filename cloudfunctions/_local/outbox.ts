import type { Logger } from '../_core/log'
import type { Notifier } from '../_core/notify'

/**
 * Locally nothing can reach WeChat: the outbox entry itself is the record (消息中心 lists it), so delivery
 * only logs which template would have gone out.
 */
export function localNotifier(log: Logger): Notifier {
  return {
    send: async (notice) => {
      log.info('notice_local', { template: notice.template })
    },
  }
}
