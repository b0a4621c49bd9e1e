import { consoleLogger, type Logger } from './log'
import type { Notice, Notifier } from './notify'

/** The one call of the CloudBase app this needs (`app.callWxOpenApi`), described so tests can stand in for it. */
export interface WxOpenApi {
  callWxOpenApi(options: { apiName: string; requestData: unknown }): Promise<{ result?: unknown }>
}

export interface SubscribeMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: 'developer' | 'trial' | 'formal'
  lang: 'zh_CN'
}

/**
 * WeChat refuses the whole message (errcode 47003) when one value is longer than its template keyword allows;
 * the keyword's name says its type. Clipping keeps the notice deliverable.
 */
const MAX_CHARS: Array<[prefix: string, max: number]> = [
  ['thing', 20],
  ['character_string', 32],
  ['number', 32],
  ['letter', 32],
  ['symbol', 5],
  ['phrase', 5],
  ['name', 10],
  ['car_number', 8],
  ['phone_number', 17],
]

export function clipValue(key: string, value: string): string {
  const rule = MAX_CHARS.find(([prefix]) => new RegExp(`^${prefix}\\d*$`).test(key))
  const chars = Array.from(value)
  if (!rule || chars.length <= rule[1]) return value
  // A free-text "thing" reads better cut with an ellipsis; codes and numbers are cut clean.
  return rule[0] === 'thing' ? chars.slice(0, rule[1] - 1).join('') + '…' : chars.slice(0, rule[1]).join('')
}

/**
 * A notice's semantic keys (membership_review sends `{org, result, note}`) mapped to the template the union
 * picked in the WeChat console: its id and which keyword each value fills (`{org: 'thing1', result: 'phrase2'}`).
 * Configured per deployment in WX_TEMPLATES (JSON: notice key → TemplateConfig), written by npm run deploy from
 * subscribe-templates.json; never hard-coded, because every union's template has its own ids and keywords.
 */
export interface TemplateConfig {
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

export function subscribeMessage(notice: Notice, state?: SubscribeMessage['miniprogram_state'], template?: TemplateConfig): SubscribeMessage {
  const data: SubscribeMessage['data'] = {}
  for (const [key, value] of Object.entries(notice.data)) {
    // With a template config, each semantic key fills its keyword (cut to that keyword type's limit); a key the
    // template has no keyword for is left out, as WeChat refuses unknown keywords.
    const keyword = template ? template.keys[key] : key
    if (keyword) data[keyword] = { value: clipValue(keyword, String(value ?? '')) || '无' }
  }
  const msg: SubscribeMessage = { touser: notice.openid, template_id: template?.id ?? notice.template, data, lang: 'zh_CN' }
  // WeChat wants a page path relative to the app root ("pages/x/index?id=1").
  if (notice.page) msg.page = notice.page.replace(/^\/+/, '')
  if (state) msg.miniprogram_state = state
  return msg
}

export interface CloudBaseNotifierOptions {
  log?: Logger
  /** which version of the mini program a tap opens; WeChat's default is the released one */
  miniprogramState?: SubscribeMessage['miniprogram_state']
  /** domain template keys (e.g. membership_review) to the template ids the union applied for in the WeChat console */
  templates?: Record<string, string | undefined>
  /** notice key → template id and keyword mapping; defaults to WX_TEMPLATES */
  templateConfigs?: Record<string, TemplateConfig>
}

/** `WX_TEMPLATE_MEMBERSHIP_REVIEW=<template id>` and the like, set on the cloud function. */
export function templateIdFor(
  key: string,
  templates: Record<string, string | undefined> = {},
  env: Record<string, string | undefined> = process.env,
): string {
  return templates[key] ?? env[`WX_TEMPLATE_${key.toUpperCase()}`] ?? key
}

/**
 * Sends a notice as a WeChat subscribe message. A notice is best effort: the user may not have subscribed
 * (errcode 43101) or the quota may be spent, and none of that may fail the action that caused it — so every
 * failure is logged, never thrown. The log carries the template and WeChat's code, not the user or the text.
 */
export class CloudBaseNotifier implements Notifier {
  private readonly log: Logger

  constructor(
    private readonly app: WxOpenApi,
    private readonly options: CloudBaseNotifierOptions = {},
  ) {
    this.log = options.log ?? consoleLogger
  }

  async send(notice: Notice): Promise<void> {
    try {
      const configured = (this.options.templateConfigs ?? templatesFromEnv())[notice.template]
      const res = await this.app.callWxOpenApi({
        apiName: '/cgi-bin/message/subscribe/send',
        requestData: configured
          ? subscribeMessage(notice, this.options.miniprogramState, configured)
          : subscribeMessage({ ...notice, template: templateIdFor(notice.template, this.options.templates) }, this.options.miniprogramState),
      })
      const result = (res?.result ?? {}) as { errcode?: unknown; errmsg?: unknown }
      if (typeof result.errcode === 'number' && result.errcode !== 0) {
        this.log.error('notice_refused', { template: notice.template, errcode: result.errcode, errmsg: String(result.errmsg ?? '') })
        return
      }
      this.log.info('notice_sent', { template: notice.template })
    } catch (e) {
      this.log.error('notice_failed', { template: notice.template, error: e instanceof Error ? e.message : String(e) })
    }
  }
}
