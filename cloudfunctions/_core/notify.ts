/**
 * How a domain tells a user something happened (a review finished, a place came free). Notices are queued in
 * the outbox inside the transaction that caused them; a deliverer hands them to a Notifier afterwards.
 * CloudBase's notifier sends a WeChat subscribe message and says what WeChat did with it; locally nothing
 * leaves the machine. The in-app 消息中心 reads the outbox either way, so every notice reaches it.
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

/**
 * Why a notice did not reach WeChat. `not_subscribed` (43101: the user has no subscription left for the template)
 * `no_template` (none configured) and `local` (the local gateway, which has no WeChat) are no errors: the notice is in 消息中心 only. The rest are permanent
 * refusals that a retry cannot fix; the admin page lists them so someone fixes the configuration.
 */
const SKIP_REASONS = ['not_subscribed', 'no_template', 'local'] as const
const REFUSAL_REASONS = ['bad_template', 'bad_field', 'bad_page', 'bad_user', 'no_permission', 'refused'] as const
export type SkipReason = (typeof SKIP_REASONS)[number]
export type RefusalReason = (typeof REFUSAL_REASONS)[number]

/**
 * What became of one send. Nothing returned means sent (a notifier with nothing to report, e.g. the local one).
 * A transient failure (network, WeChat busy, quota) is thrown, and the outbox retries it with back-off.
 */
export type SendOutcome =
  { status: 'sent' } | { status: 'skipped'; reason: SkipReason } | { status: 'refused'; reason: RefusalReason; errcode?: number; detail?: string }

export interface Notifier {
  send(notice: Notice): Promise<SendOutcome | void>
}
