import { CloudBaseNotifier, subscribeMessage, templatesFromEnv } from '../../cloudfunctions/_core/notify-cloudbase'
import type { SubscribeSendParams, WxCloudOpenApi } from '../../cloudfunctions/_core/wx-openapi'

const notice = {
  openid: 'o-1',
  template: 'membership_review',
  title: '入会申请已驳回',
  body: '…',
  page: '/pages/membership/index/index',
  data: { org: '泰山体育产业集团有限公司工会委员会联合会', result: '已驳回', note: '工作单位名称与营业执照不一致，请修改后重新提交申请' },
}
const config = { id: 'Zq3pG8y1r7XhU0sLwN5cVb2kT9aJdE4fM6oQiR8uYt1', keys: { org: 'thing1', result: 'phrase2', note: 'thing3' } }

describe('subscribe templates from configuration', () => {
  it('maps semantic keys to the configured keywords and cuts each to its type limit', () => {
    const msg = subscribeMessage(notice, config)
    expect(msg.templateId).toBe(config.id)
    expect(Object.keys(msg.data).sort()).toEqual(['phrase2', 'thing1', 'thing3'])
    expect(Array.from(msg.data.thing1.value).length).toBeLessThanOrEqual(20)
    expect(Array.from(msg.data.phrase2.value).length).toBeLessThanOrEqual(5)
    expect(Array.from(msg.data.thing3.value).length).toBeLessThanOrEqual(20)
    expect(msg.page).toBe('pages/membership/index/index')
  })

  it('reads WX_TEMPLATES and the notifier sends with it', async () => {
    const templates = templatesFromEnv({ WX_TEMPLATES: JSON.stringify({ membership_review: config }) })
    expect(templates.membership_review).toEqual(config)
    const sent: SubscribeSendParams[] = []
    const openapi: WxCloudOpenApi = {
      subscribeMessage: { send: async (p) => (sent.push(p), { errCode: 0 }) },
      phonenumber: { getPhoneNumber: async () => ({}) },
    }
    const log = { info: () => undefined, error: () => undefined }
    expect(await new CloudBaseNotifier(openapi, { templateConfigs: templates, log }).send(notice)).toEqual({ status: 'sent' })
    expect(sent).toEqual([expect.objectContaining({ templateId: config.id, data: expect.objectContaining({ phrase2: { value: '已驳回' } }) })])
  })

  it('ignores a malformed WX_TEMPLATES', () => {
    expect(templatesFromEnv({ WX_TEMPLATES: '{not json' })).toEqual({})
  })
})
