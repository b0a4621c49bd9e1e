import { OUTBOX, type OutboxDoc } from '../../_core/outbox'
import type { Store } from '../../_core/store/port'

const DAY = 86_400_000

/**
 * A week of notices as WeChat answered them, to members who are no demo persona (so no persona's 消息中心 changes):
 * what the admin's 通知发送情况 shows on a fresh demo. Only the demo gateway (npm start, the e2e app) writes it, not
 * the shared seed, so tests that count a kind of notice count only their own. [notice key, status, reason, how many]
 */
const HISTORY: Array<[string, OutboxDoc['status'], string | undefined, number]> = [
  ['membership_review', 'sent', undefined, 9],
  ['membership_review', 'skipped', 'not_subscribed', 3],
  ['legal_aid_update', 'sent', undefined, 4],
  ['legal_aid_update', 'refused', 'bad_field', 2],
  ['legal_aid_message', 'skipped', 'not_subscribed', 2],
  ['childcare_offer', 'sent', undefined, 5],
  ['childcare_offer', 'failed', 'transient', 1],
  ['station_report_reply', 'refused', 'bad_template', 3],
]

export async function seedDeliveryHistory(store: Store, now: Date): Promise<void> {
  let n = 0
  for (const [template, status, reason, count] of HISTORY) {
    for (let i = 0; i < count; i++, n++) {
      const at = new Date(now.getTime() - ((n % 6) + 1) * DAY + n * 60_000).toISOString()
      const doc: OutboxDoc = {
        _id: `demo-notice-${n}`,
        openid: `demo-member-${n % 7}`,
        template,
        title: '演示通知',
        body: '演示数据',
        data: {},
        createdAt: at,
        status,
        attempts: status === 'failed' ? 5 : 1,
        readAt: null,
        ...(status === 'sent' ? { sentAt: at } : { settledAt: at, reason }),
        ...(reason === 'bad_field' ? { errcode: 47003, detail: 'phrase2「已经受理完毕」不符合5 个以内汉字' } : {}),
        ...(reason === 'bad_template' ? { errcode: 40037, detail: 'invalid template_id' } : {}),
      }
      await store.put(OUTBOX, doc)
    }
  }
}
