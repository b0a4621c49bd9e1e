/**
 * How a domain tells a user something happened (a review finished, a place came free). Notices are queued in
 * the outbox inside the transaction that caused them; a deliverer hands them to a Notifier afterwards.
 * CloudBase's notifier sends a WeChat subscribe message (best effort: users may refuse them); locally
 * nothing leaves the machine. The in-app 消息中心 reads the outbox either way.
 */
export interface Notice {
  openid: string
  /** a notice key, mapped to a subscribe-message template in configuration */
  template: string
  /** shown in 消息中心 */
  title: string
  body: string
  /** the page the notice opens */
  page?: string
  /** the template's values, by the template's own keys */
  data: Record<string, string>
}

export interface Notifier {
  send(notice: Notice): Promise<void>
}
