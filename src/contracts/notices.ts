/**
 * Every notice the server can queue, with the values it fills. The key names a subscribe-message template in
 * the deployment's configuration (subscribe-templates.json: key → template id and keyword per field); the
 * client asks for permission by the same keys. Listed here, one place, so a notice cannot be added without
 * the deployer being told which template to map (tests/unit/notice-keys.test.ts holds the example to it).
 */
export const NOTICE_FIELDS = {
  membership_review: ['org', 'result', 'note'],
  station_report_reply: ['station', 'kind', 'reply', 'time'],
  station_open_alert: ['station', 'note', 'time'],
  legal_aid_update: ['category', 'status', 'note'],
  legal_aid_message: ['category', 'note'],
  childcare_offer: ['class', 'child', 'deadline'],
  childcare_offer_expired: ['class', 'child'],
  childcare_lottery: ['class', 'child', 'result'],
  childcare_booking: ['class', 'child', 'result'],
  childcare_checkin: ['class', 'child', 'time'],
} as const

export type NoticeKey = keyof typeof NOTICE_FIELDS

export const NOTICE_KEYS = Object.keys(NOTICE_FIELDS) as NoticeKey[]

/** The values a notice of this key carries, by field name. */
export type NoticeData<K extends NoticeKey> = Record<(typeof NOTICE_FIELDS)[K][number], string>

/** What each notice is called on the admin's 通知发送情况 page. */
export const NOTICE_LABELS: Record<NoticeKey, string> = {
  membership_review: '入会审核结果',
  station_report_reply: '驿站反馈答复',
  station_open_alert: '驿站「没开」提醒',
  legal_aid_update: '法律援助进度',
  legal_aid_message: '法律援助留言',
  childcare_offer: '托管候补到名额',
  childcare_offer_expired: '托管名额已过期',
  childcare_lottery: '托管抽签结果',
  childcare_booking: '托管预约变动',
  childcare_checkin: '托管签到',
}

/** Why a notice did not reach WeChat, in plain words (the outbox's `reason`). */
export const DELIVERY_REASON_LABELS: Record<string, string> = {
  not_subscribed: '职工没有订阅，只在消息中心',
  no_template: '没有配置消息模板，只在消息中心',
  local: '本地演示不发微信，只在消息中心',
  bad_template: '消息模板编号无效',
  bad_field: '内容不符合模板格式',
  bad_page: '通知打开的页面无效',
  bad_user: '收件人无效',
  no_permission: '发送功能还没有获得微信授权',
  refused: '微信拒绝发送',
  transient: '微信多次无响应，已停止重试',
}
