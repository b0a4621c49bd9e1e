/**
 * Every notice the server can queue, with the values it fills. The key names a subscribe-message template in
 * the deployment's configuration (subscribe-templates.json: key → template id and keyword per field); the
 * client asks for permission by the same keys. Listed here, one place, so a notice cannot be added without
 * the deployer being told which template to map (tests/unit/notice-keys.test.ts holds the example to it).
 */
export const NOTICE_FIELDS = {
  membership_review: ['org', 'result', 'note'],
  station_report_reply: ['station', 'kind', 'reply', 'time'],
  legal_aid_update: ['category', 'status', 'note'],
  legal_aid_message: ['category', 'note'],
  childcare_offer: ['class', 'child', 'deadline'],
  childcare_offer_expired: ['class', 'child'],
  childcare_lottery: ['class', 'child', 'result'],
} as const

export type NoticeKey = keyof typeof NOTICE_FIELDS

export const NOTICE_KEYS = Object.keys(NOTICE_FIELDS) as NoticeKey[]

/** The values a notice of this key carries, by field name. */
export type NoticeData<K extends NoticeKey> = Record<(typeof NOTICE_FIELDS)[K][number], string>
