import ExcelJS from 'exceljs'
import { approvedMember } from '../utils/builders'
import { idFor } from '../utils/membership'
import { rosterXlsx } from '../utils/roster'
import { uploadId } from './file-helpers'
import { startGateway, type TestGateway } from './harness'

/**
 * 半年无活动名单: members the app saw no activity from for 6 months, for staff to review once a year (保留 or
 * 已查看); nothing changes on its own. And the races of state changes on one member, over both backends.
 */

jest.setTimeout(120_000)

const DAY = 24 * 3600_000

// Over the CloudBase double too: the list's query leans on `retained: null` matching a field never set.
describe.each(['sqlite', 'cloudbase'] as const)('the yearly inactive list, over %s', (backend) => {
  let gw: TestGateway
  let staff: string
  let taishan: string
  beforeAll(async () => {
    gw = await startGateway({ backend })
    staff = await gw.login('demo-staff')
    taishan = await gw.login('demo-staff-taishan')
  })
  afterAll(() => gw.close())

  test('after 6 months without activity a member is listed for the staff over them; opening the card takes them off; retained, transferred and younger members are not listed', async () => {
    const start = gw.clock.now
    const quiet = await approvedMember(gw, 'quiet-1', { seq: 801, form: { name: '周沉寂' } })
    const active = await approvedMember(gw, 'active-1', { seq: 803, form: { name: '吴活跃' } })
    const kept = await approvedMember(gw, 'kept-1', { seq: 805, form: { name: '郑保留' } })
    const out = await approvedMember(gw, 'out-2', { seq: 807, form: { name: '王转出' } })
    await gw.as(staff).ok('membership', 'retain', { id: kept.appId, reason: 'retired', heldBy: 'own', note: '' })
    await gw.as(staff).ok('membership', 'transferOut', { id: out.appId, to: '济南市总工会' })

    // Five months on: nobody is listed yet.
    gw.clock.now = new Date(start.getTime() + 150 * DAY)
    expect((await gw.as(staff).ok('membership', 'inactive', {})).total).toBe(0)
    // The active one opens the e-card (the activity the app measures) a month later.
    gw.clock.now = new Date(start.getTime() + 180 * DAY)
    await gw.as(active.token).ok('membership', 'card')
    // Seven months after joining.
    gw.clock.now = new Date(start.getTime() + 215 * DAY)
    const list = await gw.as(staff).ok('membership', 'inactive', {})
    const names = list.items.map((i) => i.name)
    expect(names).toContain('周沉寂')
    expect(names).not.toContain('吴活跃')
    expect(names).not.toContain('郑保留')
    expect(names).not.toContain('王转出')
    expect(list.year).toBe(2027)
    const item = list.items.find((i) => i.id === quiet.appId)!
    expect(item).toMatchObject({ claimed: true, phoneMasked: '138****5678', orgName: '泰山体育产业集团有限公司工会' })
    expect(item.mark).toBeUndefined()
    // Masked: no 身份证号, no full phone anywhere in the answer.
    expect(JSON.stringify(list)).not.toContain('13812345678')
    expect(JSON.stringify(list)).not.toContain(idFor(801).slice(6, 14))

    // The enterprise union's staff see their members too; a worker does not see the list.
    expect((await gw.as(taishan).ok('membership', 'inactive', {})).items.map((i) => i.id)).toContain(quiet.appId)
    expect((await gw.as(quiet.token).call('membership', 'inactive', {})).status).toBe(403)
    await gw.store.put('users', { _id: 'baizao-staff-2', name: '百枣干事', grants: [{ role: 'staff', scope: 'org-baizao' }] })
    expect((await gw.as(await gw.login('baizao-staff-2')).ok('membership', 'inactive', {})).items.map((i) => i.id)).not.toContain(quiet.appId)

    // Marked 保留 by staff: the mark shows with who and when; the membership itself is unchanged.
    const marked = await gw.as(taishan).ok('membership', 'reviewInactive', { id: quiet.appId, decision: 'keep', note: '电话核实仍在职' })
    expect(marked.mark).toMatchObject({ decision: 'keep', label: '已核实，保留会籍', by: '周干事', note: '电话核实仍在职' })
    const again = await gw.as(staff).ok('membership', 'inactive', {})
    expect(again.items.find((i) => i.id === quiet.appId)?.mark?.decision).toBe('keep')
    expect((await gw.as(staff).ok('membership', 'getApplication', { id: quiet.appId })).status).toBe('approved')
    expect(await gw.as(quiet.token).ok('membership', 'card')).toMatchObject({ status: 'valid' })
    // Opening the card just now was activity: off the list, and a mark is refused.
    expect((await gw.as(staff).ok('membership', 'inactive', {})).items.map((i) => i.id)).not.toContain(quiet.appId)
    expect((await gw.as(staff).call('membership', 'reviewInactive', { id: quiet.appId, decision: 'reviewed', note: '' })).status).toBe(409)
    expect((await gw.store.find('audit_log', { where: { action: 'membership.reviewInactive' } })).length).toBe(1)
    gw.clock.now = start
  })

  test('the list exports as a masked workbook', async () => {
    const m = await approvedMember(gw, 'quiet-2', { seq: 809, form: { name: '冯导出' } })
    gw.clock.now = new Date(gw.clock.now.getTime() + 200 * DAY)
    const link = await gw.as(staff).ok('membership', 'exportInactive')
    const file = await gw.download(link.url)
    expect(file.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    const rows: string[][] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(rows[0]).toEqual(['会员编号', '姓名', '手机号', '工作单位', '所属工会', '最近活动日期', '已领取电子会员卡', '核查结果', '核查说明'])
    const row = rows.find((r) => r[1] === '冯导出')!
    expect(row).toBeDefined()
    expect(row[2]).toBe('138****5678')
    expect(row[7]).toBe('未核查')
    expect(m.appId).toBeTruthy()
  })
})

describe.each(['sqlite', 'cloudbase'] as const)('state changes racing on one member, over %s', (backend) => {
  let gw: TestGateway
  let staff: string
  beforeAll(async () => {
    gw = await startGateway({ backend })
    staff = await gw.login('demo-staff')
  })
  afterAll(() => gw.close())

  test('转出, 注销 and 保留 fired at once: at most one ending (转出 or 注销) and one 保留 win, and the record, its locks and the audit agree with it', async () => {
    const m = await approvedMember(gw, `race-${backend}`, { seq: 811 })
    const s = gw.as(staff)
    if (backend === 'cloudbase') gw.double!.setLatency([2, 10])
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => s.call('membership', 'transferOut', { id: m.appId, to: '济南市总工会' })),
      ...Array.from({ length: 8 }, () => s.call('membership', 'revoke', { id: m.appId, reason: '本人申请退会' })),
      ...Array.from({ length: 8 }, () => s.call('membership', 'retain', { id: m.appId, reason: 'retired', heldBy: 'own', note: '' })),
    ])
    if (backend === 'cloudbase') gw.double!.setLatency([0, 0])
    const won = answers.filter((a) => a.ok)
    // 保留 keeps the member approved, so a later 转出 or 注销 may still follow it; the two endings exclude each other.
    const endings = won.filter((a) => a.data?.status !== 'approved')
    expect(endings.length).toBeLessThanOrEqual(1)
    expect(won.filter((a) => a.data?.status === 'approved').length).toBeLessThanOrEqual(1)
    for (const a of answers.filter((x) => !x.ok)) expect(a.status).toBe(409)

    const doc = (await gw.store.get<{ _id: string; status: string; retained?: unknown; idHash: string; timeline: { status: string }[] }>(
      'applications',
      m.appId,
    ))!
    const changes = doc.timeline.filter((t) => ['transferred_out', 'revoked', 'retained'].includes(t.status)).map((t) => t.status)
    expect(changes.length).toBe(won.length)
    const audits = await gw.store.find('audit_log', {
      where: { targetId: m.appId, action: { $in: ['membership.transferOut', 'membership.revoke', 'membership.retain'] } },
    })
    expect(audits.length).toBe(won.length)
    // An ended membership frees the 身份证号 and the account; a living one keeps both.
    const idLock = await gw.store.get('membership_id_locks', doc.idHash)
    const accountLock = await gw.store.get('membership_openid_locks', `race-${backend}`)
    if (doc.status === 'approved') {
      expect(idLock).not.toBeNull()
      expect(accountLock).not.toBeNull()
    } else {
      expect(['transferred_out', 'revoked']).toContain(doc.status)
      expect(idLock).toBeNull()
      expect(accountLock).toBeNull()
    }
  })

  test('会员认证 racing 转出 on a roster member: the account never holds a lock on a membership that has left', async () => {
    const id = idFor(815)
    const fileId = await uploadId(
      gw,
      'sheet',
      '会员名册.xlsx',
      await rosterXlsx([['陈赛跑', id, '13960000815', '泰山体育产业集团有限公司', '2019-05-01', '', '泰山体育产业集团有限公司工会']]),
      staff,
    )
    await gw.as(staff).ok('membership', 'importRoster', { fileId, dryRun: false })
    const [rec] = await gw.store.find<{ _id: string }>('applications', { where: { name: '陈赛跑' }, limit: 1 })
    const token = await gw.login(`claim-race-${backend}`)
    const code = (await gw.post('/api/dev/phone-code', JSON.stringify({ phone: '13960000815' }), token)).json.data.code
    const check = await gw.as(token).ok('membership', 'verifyPhone', { code })
    if (backend === 'cloudbase') gw.double!.setLatency([2, 10])
    const [claimed, out] = await Promise.all([
      gw.as(token).call('membership', 'claim', { name: '陈赛跑', idNumber: id, phoneVerificationId: check.verificationId }),
      gw.as(staff).call('membership', 'transferOut', { id: rec._id, to: '济南市总工会' }),
    ])
    if (backend === 'cloudbase') gw.double!.setLatency([0, 0])
    expect(out.ok).toBe(true)
    const doc = (await gw.store.get<{ _id: string; status: string; applicantOpenid: string }>('applications', rec._id))!
    expect(doc.status).toBe('transferred_out')
    // Whichever came first, the account is free afterwards (it may apply), and a card is refused.
    expect(await gw.store.get('membership_openid_locks', `claim-race-${backend}`)).toBeNull()
    expect((await gw.as(token).call('membership', 'card')).status).toBe(404)
    if (!claimed.ok) expect(claimed.status).toBe(409)
  })

  test('20 staff taps marking one member at once leave one mark for the year', async () => {
    const m = await approvedMember(gw, `mark-${backend}`, { seq: 813 })
    gw.clock.now = new Date(gw.clock.now.getTime() + 200 * DAY)
    if (backend === 'cloudbase') gw.double!.setLatency([2, 10])
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gw.as(staff).call('membership', 'reviewInactive', { id: m.appId, decision: i % 2 ? 'keep' : 'reviewed', note: `第${i}次` }),
      ),
    )
    if (backend === 'cloudbase') gw.double!.setLatency([0, 0])
    // SQLite serialises them; CloudBase aborts the losers of a write conflict (409 or retried): never a second mark.
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1)
    const marks = await gw.store.find<{ _id: string; note: string }>('membership_inactive_reviews', { where: { appId: m.appId } })
    expect(marks).toHaveLength(1)
    // Every accepted mark was audited in its own transaction; the stored one is one of them.
    const audits = await gw.store.find('audit_log', { where: { targetId: m.appId, action: 'membership.reviewInactive' } })
    expect(audits.length).toBe(answers.filter((a) => a.ok).length)
    expect(answers.filter((a) => a.ok).map((a) => a.data?.mark?.note)).toContain(marks[0].note)
  })
})
