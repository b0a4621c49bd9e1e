/** The subscribe-message notifier over CloudBase's open API, checked offline with a fake app. */
import { clipValue, CloudBaseNotifier, subscribeMessage, templateIdFor } from '../../cloudfunctions/_core/notify-cloudbase'
import type { Logger } from '../../cloudfunctions/_core/log'

describe('subscribe-message notifier', () => {
  const quiet = (): Logger & { lines: string[] } => {
    const lines: string[] = []
    return { lines, info: (e) => lines.push(`info ${e}`), error: (e, d) => lines.push(`error ${e} ${JSON.stringify(d)}`) }
  }

  test('builds the WeChat payload, clipping values to what each keyword type accepts', () => {
    expect(
      subscribeMessage({
        openid: 'o1',
        template: 'T1',
        title: 't',
        body: 'b',
        page: '/pages/legal/detail?id=1',
        data: { thing1: '一'.repeat(25), phrase2: '已经通过审核', time3: '2024-01-01 10:00' },
      }),
    ).toEqual({
      touser: 'o1',
      template_id: 'T1',
      page: 'pages/legal/detail?id=1',
      lang: 'zh_CN',
      data: { thing1: { value: '一'.repeat(19) + '…' }, phrase2: { value: '已经通过审' }, time3: { value: '2024-01-01 10:00' } },
    })
    expect(clipValue('character_string7', 'x'.repeat(40))).toHaveLength(32)
    expect(clipValue('thing', '短')).toBe('短')
  })

  test('a refusal or a failure is logged, never thrown', async () => {
    const log = quiet()
    const calls: unknown[] = []
    const refusing = new CloudBaseNotifier(
      { callWxOpenApi: async (o) => (calls.push(o), { result: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }) },
      { log },
    )
    await expect(refusing.send({ openid: 'o1', template: 'T1', title: 't', body: 'b', data: { thing1: 'x' } })).resolves.toBeUndefined()
    expect(calls[0]).toMatchObject({ apiName: '/cgi-bin/message/subscribe/send', requestData: { touser: 'o1', template_id: 'T1' } })
    const failing = new CloudBaseNotifier({ callWxOpenApi: async () => Promise.reject(new Error('ENOTFOUND')) }, { log })
    await expect(failing.send({ openid: 'o1', template: 'T2', title: 't', body: 'b', data: {} })).resolves.toBeUndefined()
    const ok = new CloudBaseNotifier({ callWxOpenApi: async () => ({ result: { errcode: 0, errmsg: 'ok' } }) }, { log })
    await ok.send({ openid: 'o1', template: 'T3', title: 't', body: 'b', data: {} })
    expect(log.lines).toEqual([
      'error notice_refused {"template":"T1","errcode":43101,"errmsg":"user refuse to accept the msg"}',
      'error notice_failed {"template":"T2","error":"ENOTFOUND"}',
      'info notice_sent',
    ])
  })
})

describe('subscribe-message template ids', () => {
  test('a domain key maps to the id configured for it, else passes through as an id', () => {
    expect(templateIdFor('membership_review', {}, { WX_TEMPLATE_MEMBERSHIP_REVIEW: 'tpl-123' })).toBe('tpl-123')
    expect(templateIdFor('membership_review', { membership_review: 'tpl-9' }, {})).toBe('tpl-9')
    expect(templateIdFor('AbCdEf-raw-id', {}, {})).toBe('AbCdEf-raw-id')
  })
})
