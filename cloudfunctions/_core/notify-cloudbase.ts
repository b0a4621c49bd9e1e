import { consoleLogger, type Logger } from './log'
import type { Notice, Notifier, RefusalReason, SendOutcome } from './notify'
import { clipValue, valueProblem } from './template-rules'
import { NO_PERMISSION, openApiAnswer, type SubscribeSendParams, type WxCloudOpenApi } from './wx-openapi'

export { clipValue } from './template-rules'

/**
 * A notice's semantic keys (membership_review sends `{org, result, note}`) mapped to the template the union
 * picked in the WeChat console: its id and which keyword each value fills (`{org: 'thing1', result: 'phrase2'}`).
 * Configured per deployment in WX_TEMPLATES (JSON: notice key → TemplateConfig), written by npm run deploy from
 * subscribe-templates.json; never hard-coded, because every union's template has its own ids and keywords.
 */
interface TemplateConfig {
  id: string
  keys: Record<string, string>
}

export function templatesFromEnv(env: Record<string, string | undefined> = process.env): Record<string, TemplateConfig> {
  if (!env.WX_TEMPLATES) return {}
  try {
    const parsed = JSON.parse(env.WX_TEMPLATES) as Record<string, Partial<TemplateConfig>>
    return Object.fromEntries(
      Object.entries(parsed).filter(([, t]) => typeof t?.id === 'string' && t.keys && typeof t.keys === 'object') as Array<[string, TemplateConfig]>,
    )
  } catch {
    consoleLogger.error('wx_templates_invalid', { reason: 'WX_TEMPLATES is not JSON' })
    return {}
  }
}

type MiniprogramState = NonNullable<SubscribeSendParams['miniprogramState']>

/** Which version a tap on a notice opens: the one that sent it (GH_MINIPROGRAM_STATE, set by deploy per build kind). */
export function miniprogramStateFromEnv(env: Record<string, string | undefined> = process.env): MiniprogramState | undefined {
  const v = env.GH_MINIPROGRAM_STATE
  return v === 'developer' || v === 'trial' || v === 'formal' ? v : undefined
}

/** The message for WeChat: each semantic key fills its keyword, clipped where WeChat allows; unknown keys left out. */
export function subscribeMessage(notice: Notice, template: TemplateConfig, state?: MiniprogramState): SubscribeSendParams {
  const data: SubscribeSendParams['data'] = {}
  for (const [key, value] of Object.entries(notice.data)) {
    const keyword = template.keys[key]
    if (keyword) data[keyword] = { value: clipValue(keyword, String(value ?? '')) }
  }
  const msg: SubscribeSendParams = { touser: notice.openid, templateId: template.id, data, lang: 'zh_CN' }
  // WeChat wants a page path relative to the app root ("pages/x/index?id=1").
  if (notice.page) msg.page = notice.page.replace(/^\/+/, '')
  if (state) msg.miniprogramState = state
  return msg
}

/** The first keyword value WeChat would refuse, in Chinese; null when the message can go. */
function messageProblem(msg: SubscribeSendParams): string | null {
  for (const [keyword, { value }] of Object.entries(msg.data)) {
    const problem = valueProblem(keyword, value)
    if (problem) return problem
  }
  return null
}

/** subscribeMessage.send's documented refusals; anything else with a code is WeChat being busy or over quota. */
const PERMANENT: Record<number, RefusalReason> = {
  40003: 'bad_user',
  40037: 'bad_template',
  47003: 'bad_field',
  41030: 'bad_page',
  [NO_PERMISSION]: 'no_permission',
}
const NOT_SUBSCRIBED = 43101

export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message)
    this.name = 'TransientSendError'
  }
}

interface CloudBaseNotifierOptions {
  log?: Logger
  /** which version of the mini program a tap opens; WeChat's default is the released one */
  miniprogramState?: MiniprogramState
  /** notice key → template id and keyword mapping; defaults to WX_TEMPLATES */
  templateConfigs?: Record<string, TemplateConfig>
}

/**
 * Sends a notice as a WeChat subscribe message and says what happened, so the outbox records it truthfully:
 * sent; skipped (no subscription left, 43101, or no template configured); refused for good (bad template, field,
 * page, or the function lacks the permission), or — thrown — a transient failure to retry. The log carries the
 * template and WeChat's code, never the user or the text.
 */
export class CloudBaseNotifier implements Notifier {
  private readonly log: Logger

  constructor(
    private readonly openapi: WxCloudOpenApi,
    private readonly options: CloudBaseNotifierOptions = {},
  ) {
    this.log = options.log ?? consoleLogger
  }

  async send(notice: Notice): Promise<SendOutcome> {
    const template = (this.options.templateConfigs ?? templatesFromEnv())[notice.template]
    if (!template) return { status: 'skipped', reason: 'no_template' }
    const msg = subscribeMessage(notice, template, this.options.miniprogramState ?? miniprogramStateFromEnv())
    const problem = messageProblem(msg)
    if (problem) {
      this.log.error('notice_invalid', { template: notice.template, problem })
      return { status: 'refused', reason: 'bad_field', detail: problem }
    }
    const answer = await openApiAnswer(() => this.openapi.subscribeMessage.send(msg)).catch((e: unknown) => {
      throw new TransientSendError(e instanceof Error ? e.message : String(e))
    })
    if (answer.errcode === 0) {
      this.log.info('notice_sent', { template: notice.template })
      return { status: 'sent' }
    }
    if (answer.errcode === NOT_SUBSCRIBED) {
      this.log.info('notice_not_subscribed', { template: notice.template })
      return { status: 'skipped', reason: 'not_subscribed' }
    }
    const reason = PERMANENT[answer.errcode]
    this.log.error(reason ? 'notice_refused' : 'notice_failed', { template: notice.template, errcode: answer.errcode, errmsg: answer.errmsg })
    if (!reason) throw new TransientSendError(`WeChat ${answer.errcode}: ${answer.errmsg}`, answer.errcode)
    return { status: 'refused', reason, errcode: answer.errcode, detail: answer.errmsg.slice(0, 120) }
  }
}
