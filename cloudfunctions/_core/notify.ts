/**
 * How a domain tells a user something happened (a review finished, a place came free). CloudBase sends a
 * WeChat subscribe message; the local adapter keeps an outbox that a dev page lists.
 */
export interface Notice {
  openid: string
  /** a subscribe-message template id in production; a short key locally */
  template: string
  /** the page the notice opens */
  page?: string
  data: Record<string, string>
}

export interface Notifier {
  send(notice: Notice): Promise<void>
}
