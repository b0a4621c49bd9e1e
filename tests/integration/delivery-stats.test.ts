import { silentLogger } from '../../cloudfunctions/_core/log'
import { CloudBaseNotifier } from '../../cloudfunctions/_core/notify-cloudbase'
import { deliverOutbox, enqueueNotice, OUTBOX, type OutboxDoc } from '../../cloudfunctions/_core/outbox'
import type { WxCloudOpenApi } from '../../cloudfunctions/_core/wx-openapi'
import type { DeliveryStats } from '../../src/contracts/messages/schemas'
import { startGateway, type TestGateway } from './harness'

/** Issue 18: a send WeChat refused is not marked sent, stays in 消息中心, and the admin's 通知发送情况 shows why. */
let gw: TestGateway
beforeAll(async () => {
  gw = await startGateway()
})
afterAll(() => gw.close())

const TEMPLATE = 'Zq3pG8y1r7XhU0sLwN5cVb2kT9aJdE4fM6oQiR8uYt1'
/** WeChat as wx-server-sdk reports it: this template id is unknown (40037) to one user, 43101 to another. */
const wechat: WxCloudOpenApi = {
  subscribeMessage: {
    send: async (p) => Promise.reject({ errCode: p.touser === 'w-unsub' ? 43101 : 40037, errMsg: 'x' }),
  },
  phonenumber: { getPhoneNumber: async () => ({}) },
}

const stats = async (who: string) => (await gw.call('messages', { action: 'deliveryStats', data: {} }, await gw.login(who))).json

test('refused and unsubscribed sends are recorded as such and counted by reason for the county admin only', async () => {
  const before = (await stats('demo-admin')).data as DeliveryStats
  const row = (d: DeliveryStats) => d.rows.find((r) => r.key === 'legal_aid_message')
  for (const openid of ['w-bad', 'w-unsub'])
    await enqueueNotice(
      gw.store,
      { openid, template: 'legal_aid_message', title: '律师留言', body: '请补充材料', data: { category: '劳动合同纠纷', note: '请补充材料' } },
      gw.clock.now,
    )
  const notifier = new CloudBaseNotifier(wechat, {
    templateConfigs: { legal_aid_message: { id: TEMPLATE, keys: { category: 'thing1', note: 'thing2' } } },
    log: silentLogger,
  })
  expect(await deliverOutbox(gw.store, notifier, silentLogger, gw.clock.now)).toEqual({ sent: 0, failed: 0, skipped: 1, refused: 1 })
  const docs = await gw.store.find<OutboxDoc>(OUTBOX, { where: { template: 'legal_aid_message', openid: { $in: ['w-bad', 'w-unsub'] } } })
  expect(docs.map((d) => [d.openid, d.status, d.reason]).sort()).toEqual([
    ['w-bad', 'refused', 'bad_template'],
    ['w-unsub', 'skipped', 'not_subscribed'],
  ])
  expect(docs.every((d) => !d.sentAt)).toBe(true)

  const after = (await stats('demo-admin')).data as DeliveryStats
  const a = row(after)
  const b = row(before)
  expect(a?.total).toBe((b?.total ?? 0) + 2)
  expect(a?.sent).toBe(b?.sent)
  expect(a?.failed).toContainEqual({ reason: 'bad_template', label: '消息模板编号无效', count: 1 })
  expect(a?.inboxOnly.find((f) => f.reason === 'not_subscribed')?.count).toBe(
    (b?.inboxOnly.find((f) => f.reason === 'not_subscribed')?.count ?? 0) + 1,
  )
  // 7 days back from 00:00 Beijing time
  expect(after.since).toBe('2026-11-16T16:00:00.000Z')

  const staff = await stats('demo-staff')
  expect(staff.ok).toBe(false)
  // Still in the worker's 消息中心 whatever WeChat did.
  const inbox = (await gw.call('messages', { action: 'inbox', data: {} }, await gw.login('w-bad'))).json
  expect(inbox.data.items.map((i: { title: string }) => i.title)).toEqual(['律师留言'])
  expect(inbox.data.items[0].wechat).toBe('inbox_only')
})

test('notices older than 7 days are not counted', async () => {
  const before = (await stats('demo-admin')).data as DeliveryStats
  await enqueueNotice(
    gw.store,
    { openid: 'w-old', template: 'membership_review', title: '旧', body: '旧', data: {} },
    new Date(gw.clock.now.getTime() - 8 * 86400e3),
  )
  const after = (await stats('demo-admin')).data as DeliveryStats
  expect(after.rows.find((r) => r.key === 'membership_review')?.total).toBe(before.rows.find((r) => r.key === 'membership_review')?.total)
})

test('the local gateway, which has no WeChat, records its notices as 消息中心-only, never as sent', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { localNotifier } = require('../../cloudfunctions/_local/outbox') as typeof import('../../cloudfunctions/_local/outbox')
  await enqueueNotice(gw.store, { openid: 'w-local', template: 'membership_review', title: '本地', body: '本地', data: {} }, gw.clock.now)
  await deliverOutbox(gw.store, localNotifier(silentLogger), silentLogger, gw.clock.now)
  const [doc] = await gw.store.find<OutboxDoc>(OUTBOX, { where: { openid: 'w-local' } })
  expect(doc).toMatchObject({ status: 'skipped', reason: 'local' })
  const inbox = (await gw.call('messages', { action: 'inbox', data: {} }, await gw.login('w-local'))).json
  expect(inbox.data.items[0].wechat).toBe('inbox_only')
})
