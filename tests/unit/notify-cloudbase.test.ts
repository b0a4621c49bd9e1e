/** The subscribe-message notifier over wx-server-sdk's 云调用, checked offline with a stand-in for cloud.openapi. */
import { CloudBaseNotifier, subscribeMessage, TransientSendError } from '../../cloudfunctions/_core/notify-cloudbase'
import { clipValue, isTemplateId, valueProblem } from '../../cloudfunctions/_core/template-rules'
import type { SubscribeSendParams, WxCloudOpenApi } from '../../cloudfunctions/_core/wx-openapi'
import type { Logger } from '../../cloudfunctions/_core/log'
import type { Notice } from '../../cloudfunctions/_core/notify'

const TEMPLATE_ID = 'mv1AiOjD9ljPoaiFToRtIdZeW4T7uU8CTZLNBWdPNCQ'
const templates = { legal_aid_update: { id: TEMPLATE_ID, keys: { category: 'thing1', status: 'phrase2', note: 'thing3', when: 'time4' } } }
const notice = (data: Record<string, string> = { category: '劳动合同纠纷', status: '已受理', note: '请带齐材料' }): Notice => ({
  openid: 'o1',
  template: 'legal_aid_update',
  title: 't',
  body: 'b',
  page: '/pages/legalAid/detail/index?id=1',
  data,
})
const quiet = (): Logger & { lines: string[] } => {
  const lines: string[] = []
  return { lines, info: (e) => lines.push(`info ${e}`), error: (e, d) => lines.push(`error ${e} ${JSON.stringify(d)}`) }
}

/** wx-server-sdk answers {errCode: 0} and throws {errCode, errMsg} for a refusal; `answer` says which. */
function openapi(answer: (p: SubscribeSendParams) => unknown): WxCloudOpenApi & { sent: SubscribeSendParams[] } {
  const sent: SubscribeSendParams[] = []
  return {
    sent,
    subscribeMessage: {
      send: async (p) => {
        sent.push(p)
        const a = answer(p)
        if (a instanceof Error || (a as { errCode?: number }).errCode) throw a
        return a
      },
    },
    phonenumber: { getPhoneNumber: async () => ({}) },
  }
}

describe('subscribe-message notifier', () => {
  test('builds wx-server-sdk’s payload, clipping free text to the keyword’s limit', () => {
    const msg = subscribeMessage(notice({ category: '一'.repeat(25), status: '已受理', note: 'x' }), templates.legal_aid_update, 'trial')
    expect(msg).toEqual({
      touser: 'o1',
      templateId: TEMPLATE_ID,
      page: 'pages/legalAid/detail/index?id=1',
      lang: 'zh_CN',
      miniprogramState: 'trial',
      data: { thing1: { value: '一'.repeat(19) + '…' }, phrase2: { value: '已受理' }, thing3: { value: 'x' } },
    })
    expect(clipValue('character_string7', 'x'.repeat(40))).toHaveLength(32)
  })

  test('sent only when WeChat says 0; 43101 is skipped (not an error); a bad template or field is refused for good', async () => {
    const log = quiet()
    const ok = openapi(() => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }))
    expect(await new CloudBaseNotifier(ok, { templateConfigs: templates, log }).send(notice())).toEqual({ status: 'sent' })
    const unsubscribed = openapi(() => ({ errCode: 43101, errMsg: 'user refuse to accept the msg' }))
    expect(await new CloudBaseNotifier(unsubscribed, { templateConfigs: templates, log }).send(notice())).toEqual({
      status: 'skipped',
      reason: 'not_subscribed',
    })
    for (const [code, reason] of [
      [40037, 'bad_template'],
      [47003, 'bad_field'],
      [41030, 'bad_page'],
      [-604101, 'no_permission'],
    ] as const) {
      const refusing = openapi(() => ({ errCode: code, errMsg: `no ${code}` }))
      expect(await new CloudBaseNotifier(refusing, { templateConfigs: templates, log }).send(notice())).toMatchObject({
        status: 'refused',
        reason,
        errcode: code,
      })
    }
    expect(log.lines.join('\n')).not.toContain('o1')
  })

  test('network failures and WeChat being busy are thrown as transient, for the outbox to retry', async () => {
    const down = openapi(() => new Error('ETIMEDOUT'))
    await expect(new CloudBaseNotifier(down, { templateConfigs: templates, log: quiet() }).send(notice())).rejects.toBeInstanceOf(TransientSendError)
    const busy = openapi(() => ({ errCode: -1, errMsg: 'system error' }))
    await expect(new CloudBaseNotifier(busy, { templateConfigs: templates, log: quiet() }).send(notice())).rejects.toMatchObject({
      errcode: -1,
    })
  })

  test('no template configured: nothing is sent and the notice is 消息中心-only, not a fake “sent”', async () => {
    const api = openapi(() => ({ errCode: 0 }))
    expect(await new CloudBaseNotifier(api, { templateConfigs: {}, log: quiet() }).send(notice())).toEqual({
      status: 'skipped',
      reason: 'no_template',
    })
    expect(api.sent).toEqual([])
  })

  test('a value that breaks its keyword’s type rule is refused before sending, naming the keyword', async () => {
    const api = openapi(() => ({ errCode: 0 }))
    const out = await new CloudBaseNotifier(api, { templateConfigs: templates, log: quiet() }).send(
      notice({ category: '劳动争议', status: '已经受理完毕', note: 'x', when: '明天上午' }),
    )
    expect(out).toMatchObject({ status: 'refused', reason: 'bad_field' })
    expect((out as { detail: string }).detail).toContain('phrase2')
    expect(api.sent).toEqual([])
  })
})

describe('keyword type rules', () => {
  test.each([
    ['thing1', '劳动合同纠纷', true],
    ['phrase2', '已受理', true],
    ['phrase2', '已经受理完毕', false],
    ['phrase2', 'OK', false],
    ['time3', '15:01', true],
    ['time3', '2026-07-06 09:00', true],
    ['time3', '2026年7月6日 15:01', true],
    ['time3', '明天', false],
    ['date4', '2026-07-06', true],
    ['date4', '2026年7月6日', true],
    ['date4', '7月6日', false],
    ['name2', '王小明', true],
    ['name2', '王小明2', false],
    ['number5', '12.5', true],
    ['number5', '十二', false],
    ['character_string6', 'A-2026-001', true],
    ['amount7', '¥100.00', true],
    ['thing1', '', false],
    ['unknown1', 'x', false],
  ])('%s「%s」passes: %s', (keyword, value, passes) => {
    expect(valueProblem(keyword, value) === null).toBe(passes)
  })

  test('a template id is what the console gives, not the example file’s placeholder', () => {
    expect(isTemplateId(TEMPLATE_ID)).toBe(true)
    expect(isTemplateId('在微信公众平台 → 订阅消息 中选用「入会审核结果通知」类模板后得到的模板 ID')).toBe(false)
    expect(isTemplateId('TMPL-abc')).toBe(false)
  })
})
