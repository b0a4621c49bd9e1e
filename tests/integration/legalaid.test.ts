import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionName } from '../../src/contracts/api'
import { STATUSES, type CaseStatus } from '../../src/contracts/legalAid/schemas'
import { STEPS, type Step } from '../../src/contracts/legalAid/states'
import { startGateway, type Reply, type TestGateway } from './harness'
import { uploadId } from './file-helpers'
import { FORM, PDF, PNG, TEXT, helper, type Helper } from './legalaid-helpers'

let gw: TestGateway
let h: Helper
let applicantToken: string

beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
  applicantToken = await gw.login('demo-worker')
})
afterAll(() => gw.close())

test('the journey: submit with a photo, accept, assign, lawyer works and messages, close, rate; notices on every change', async () => {
  const up = await h.evidence('applicant', PNG, '工资条.png')
  expect(up.status).toBe(200)
  const sub = await h.call('applicant', 'submit', { ...FORM, groupSize: 4, fileIds: [up.data!.id] })
  expect(sub.status).toBe(200)
  const id = sub.data!.id

  const queue = (await h.call('countyStaff', 'listCases', {})).data!.items
  // 群体案件 first (the seeded one has the nearer deadline), then 工伤, then the rest
  expect(queue.slice(0, 2).map((i: { id: string }) => i.id)).toEqual(['la_demo_wage', id])
  expect(queue[1]).toMatchObject({ urgent: true, phoneMasked: '139****5678', status: 'submitted' })
  expect((await h.call('countyStaff', 'newCount')).data!.count).toBeGreaterThanOrEqual(1)

  expect((await h.call('countyStaff', 'accept', { id, form: 'arbitration', note: '材料齐全' })).status).toBe(200)
  const lawyers = (await h.call('countyStaff', 'lawyers', { id })).data!.items.map((l: { openid: string }) => l.openid)
  expect(lawyers).toContain('demo-lawyer')
  expect(lawyers).not.toContain('demo-lawyer2') // on 泰山体育's list only
  expect((await h.call('countyStaff', 'assign', { id, lawyerOpenid: 'demo-lawyer' })).status).toBe(200)
  expect((await h.call('lawyer', 'myCaseCount')).data!.count).toBeGreaterThanOrEqual(1)
  expect((await h.call('lawyer', 'listCases', {})).data!.items.map((i: { id: string }) => i.id)).toContain(id)
  expect((await h.call('lawyer', 'transition', { id, to: 'in_progress', note: '已联系用人单位' })).status).toBe(200)
  expect((await h.call('lawyer', 'message', { caseId: id, text: '请把考勤记录也拍照上传。' })).status).toBe(200)

  const mine = (await h.call('applicant', 'get', { id })).data!
  expect(mine.viewerRole).toBe('applicant')
  expect(mine.phone).toBe('139****5678')
  expect(mine.timeline.map((t: { status: string }) => t.status)).toEqual(['submitted', 'accepted', 'assigned', 'in_progress'])
  expect(mine.messages).toEqual([expect.objectContaining({ fromName: '陈律师', role: 'lawyer', text: '请把考勤记录也拍照上传。', mine: false })])
  expect(mine.files).toEqual([expect.objectContaining({ name: '工资条.png', type: 'image/png' })])
  expect(mine.hardshipExempt).toBe(true)

  // the lawyer reads the full phone; the applicant's own reads are not logged, the lawyer's are
  expect((await h.call('lawyer', 'get', { id })).data!.phone).toBe('13912345678')

  expect((await h.call('lawyer', 'transition', { id, to: 'closed' })).status).toBe(400) // outcome required
  expect((await h.call('lawyer', 'transition', { id, to: 'closed', outcome: 'mediated', amountRecovered: 24000 })).status).toBe(200)
  const rated = await h.call('applicant', 'rate', { caseId: id, score: 5, comment: '谢谢律师' })
  expect(rated.data!.rating).toEqual({ score: 5, comment: '谢谢律师' })
  expect((await h.call('applicant', 'rate', { caseId: id, score: 1 })).status).toBe(409)

  const notices = await gw.store.find<{ _id: string; openid: string; title: string }>('outbox', { where: { openid: 'demo-worker' }, limit: 100 })
  const titles = notices.map((n) => n.title)
  for (const t of ['法律援助申请已提交', '法律援助申请已受理', '已为您指派律师', '您的案件已开始办理', '律师给您留言', '您的案件已办结'])
    expect(titles).toContain(t)
  expect(
    (await gw.store.find<{ _id: string; openid: string; title: string }>('outbox', { where: { openid: 'demo-lawyer' }, limit: 100 })).map(
      (n) => n.title,
    ),
  ).toContain('新的法律援助案件')

  const log = (await h.call('admin', 'accessLog', { caseId: id })).data!.items
  expect(log.map((e: { openid: string }) => e.openid)).toEqual(expect.arrayContaining(['demo-staff', 'demo-lawyer']))
  expect(log.map((e: { openid: string }) => e.openid)).not.toContain('demo-worker')
})

test('phone is encrypted at rest and masked in lists', async () => {
  const id = await h.caseIn('submitted')
  const raw = JSON.stringify(await gw.store.get('legal_cases', id))
  expect(raw).not.toContain('13912345678')
  expect(raw).toContain('139****5678')
  const items = (await h.call('countyStaff', 'listCases', {})).data!.items
  expect(JSON.stringify(items)).not.toContain('13912345678')
})

test('a double tap stores one case', async () => {
  const data = { ...FORM, facts: '双击测试：老板拖欠工资三个月，一直拖着不给。' }
  const [a, b] = await Promise.all([h.call('applicant', 'submit', data), h.call('applicant', 'submit', data)])
  expect(a.data!.id).toBe(b.data!.id)
})

test('routing: the employer’s own union gets the case; staff above it see it too; the county queue has the county’s', async () => {
  const id = await h.caseIn('submitted', { employer: '泰山体育产业集团有限公司' })
  const doc = await gw.store.get<{ _id: string; orgId: string }>('legal_cases', id)
  expect(doc!.orgId).toBe('org-taishan')
  expect((await h.call('taishanStaff', 'get', { id })).status).toBe(200)
  expect((await h.call('countyStaff', 'get', { id })).status).toBe(200)
  // 泰山体育's list has the county-wide lawyer and its own
  const lawyers = (await h.call('taishanStaff', 'lawyers', { id })).data!.items.map((l: { openid: string }) => l.openid)
  expect(lawyers).toEqual(expect.arrayContaining(['demo-lawyer', 'demo-lawyer2']))
  const countyCase = await h.caseIn('submitted')
  const taishanQueue = (await h.call('taishanStaff', 'listCases', {})).data!.items.map((i: { id: string }) => i.id)
  expect(taishanQueue).toContain(id)
  expect(taishanQueue).not.toContain(countyCase)
})

describe('state machine: every step from every state', () => {
  // the county union has no union above it: its administrators decide objections to its refusals
  const actorOf: Record<Exclude<Step, 'lapse'>, 'countyStaff' | 'lawyer' | 'applicant' | 'admin'> = {
    object: 'applicant',
    uphold: 'admin',
    overturn: 'admin',
    requestDocs: 'countyStaff',
    supplyDone: 'applicant',
    accept: 'countyStaff',
    decline: 'countyStaff',
    assign: 'countyStaff',
    start: 'lawyer',
    close: 'lawyer',
    withdraw: 'applicant',
  }
  const requestOf = (step: Exclude<Step, 'lapse'>, id: string): [ActionName<'legalAid'>, unknown] => {
    switch (step) {
      case 'requestDocs':
        return ['requestDocs', { id, items: ['工资条'], dueDay: '2026-11-30' }]
      case 'supplyDone':
        return ['supplyDone', { caseId: id }]
      case 'object':
        return ['object', { id, reason: '我是农民工讨薪，应当免予审查' }]
      case 'uphold':
        return ['decideObjection', { id, decision: 'uphold', note: '确不属于劳动争议' }]
      case 'overturn':
        return ['decideObjection', { id, decision: 'overturn' }]
      case 'accept':
        return ['accept', { id, form: 'consult' }]
      case 'decline':
        return ['decline', { id, reason: '不属于劳动争议' }]
      case 'assign':
        return ['assign', { id, lawyerOpenid: 'demo-lawyer' }]
      case 'start':
        return ['transition', { id, to: 'in_progress' }]
      case 'close':
        return ['transition', { id, to: 'closed', outcome: 'answered' }]
      case 'withdraw':
        return ['withdraw', { id }]
    }
  }
  // 视为撤回 (lapse) is the timer's step, tested in legalaid-docs.test.ts
  const steps = (Object.keys(STEPS) as Step[]).filter((s): s is Exclude<Step, 'lapse'> => s !== 'lapse')
  const cases = STATUSES.flatMap((s) => steps.map((step) => [s, step] as [CaseStatus, Exclude<Step, 'lapse'>]))
  test.each(cases)('from %s, %s', async (state, step) => {
    const id = await h.caseIn(state)
    // the one legal way out of 待补充材料 by the applicant: every listed item has a file
    if (state === 'needs_docs' && step === 'supplyDone') expect((await h.evidence('applicant', PNG, '工资条.png', id, 0)).status).toBe(200)
    const before = await gw.store.get<{ _id: string; status: string }>('legal_cases', id)
    const [action, data] = requestOf(step, id)
    // the lawyer acts on cases assigned to them; before assignment they are refused as a stranger (FORBIDDEN)
    const r = (await h.raw(actorOf[step], action, data)) as Reply<{ status: string }>
    const legal = STEPS[step].from.includes(state)
    const strangerLawyer = actorOf[step] === 'lawyer' && ['submitted', 'needs_docs', 'accepted', 'declined', 'objecting'].includes(state)
    if (legal) {
      expect(r.status).toBe(200)
      expect(r.data!.status).toBe(STEPS[step].to)
    } else {
      expect(r.error!.code).toBe(strangerLawyer ? 'FORBIDDEN' : 'CONFLICT')
      expect((await gw.store.get<{ _id: string; status: string }>('legal_cases', id))!.status).toBe(before!.status)
    }
  })

  test('staff may not close an unaccepted case; a declined case cannot be assigned', async () => {
    const s = await h.caseIn('submitted')
    expect((await h.call('countyStaff', 'transition', { id: s, to: 'closed', outcome: 'answered' })).error!.code).toBe('CONFLICT')
    const d = await h.caseIn('declined')
    expect((await h.call('countyStaff', 'assign', { id: d, lawyerOpenid: 'demo-lawyer' })).error!.code).toBe('CONFLICT')
    const declined = (await h.call('applicant', 'get', { id: d })).data!
    expect(declined.declineReason).toBe('不属于劳动争议')
  })

  test('assign only to a lawyer on the union’s list', async () => {
    const id = await h.caseIn('accepted')
    const r = await h.call('countyStaff', 'assign', { id, lawyerOpenid: 'demo-lawyer2' })
    expect(r.error!.code).toBe('VALIDATION_FAILED')
    expect(r.error!.fields![0].path).toBe('lawyerOpenid')
    const notLawyer = await h.call('countyStaff', 'assign', { id, lawyerOpenid: 'demo-worker' })
    expect(notLawyer.error!.code).toBe('VALIDATION_FAILED')
  })
})

describe('files', () => {
  const onDisk = (fileId: string) => existsSync(join(gw.filesDir, fileId.slice('local://'.length)))

  test('the real type is read from the bytes, whatever the file is called; a type not accepted gets no upload slot', async () => {
    const fake = await h.evidence('applicant', TEXT, 'fake.png')
    expect(fake.status).toBe(400)
    expect(fake.error!.fields![0]).toEqual({ path: 'fileId', message: expect.stringContaining('只能上传 JPG、PNG、WebP 图片或 PDF') })
    // a PDF called .jpg is refused: the declared type must be the real one (issue 19)
    const pdfNamedJpg = await h.evidence('applicant', PDF, 'x.jpg')
    expect(pdfNamedJpg.error!.fields![0]).toEqual({ path: 'fileId', message: '文件内容是 PDF，与文件名的类型不符，请确认选对了文件后重新上传' })
    expect((await h.evidence('applicant', PDF, '劳动合同.pdf')).status).toBe(200)
    const target = (name: string, size: number) => gw.as(applicantToken).call('account', 'uploadTarget', { kind: 'evidence', name, size })
    expect((await target('a.gif', 10)).error!.fields![0]).toEqual({ path: 'name', message: expect.stringContaining('jpg、png、webp、pdf') })
    expect((await target('a.png', 5 * 1024 * 1024 + 1)).error!.fields![0]).toEqual({
      path: 'size',
      message: expect.stringContaining('不能超过 5 MB'),
    })
  })

  test("someone else's upload, or an upload of another kind, is refused naming the field; nothing is recorded", async () => {
    const before = await gw.store.count('legal_files', {})
    const theirs = await h.stored('otherWorker', PNG, 'a.png')
    const r = await h.call('applicant', 'upload', { name: 'a.png', fileId: theirs })
    expect(r.status).toBe(400)
    expect(r.error!.fields).toEqual([{ path: 'fileId', message: '证据文件不是您本人上传的，请重新上传' }])
    expect(onDisk(theirs)).toBe(true)
    const sheet = await uploadId(gw, 'sheet', 'a.csv', Buffer.from('a,b'), applicantToken)
    expect((await h.call('applicant', 'upload', { name: 'a.csv', fileId: sheet })).error!.fields![0].path).toBe('fileId')
    expect((await h.raw('applicant', 'upload', { name: 'a.png' })).error!.fields![0]).toEqual({ path: 'fileId', message: '请先上传证据文件' })
    expect(await gw.store.count('legal_files', {})).toBe(before)
  })

  test('a taken-in file is copied to where evidence is kept, the upload removed, and the call carries only its id', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024, 1)])
    const fileId = await h.stored('applicant', big, '照片.png')
    const body = { action: 'upload', data: { name: '照片.png', fileId } }
    expect(JSON.stringify(body).length).toBeLessThan(1000)
    const r = await gw.as(applicantToken).call('legalAid', 'upload', body.data)
    expect(r.data!).toMatchObject({ type: 'image/png', size: big.length })
    expect(onDisk(fileId)).toBe(false)
    const doc = (await gw.store.get('legal_files', r.data!.id)) as unknown as { ref: string }
    expect(doc.ref).toBe(`local://legal-aid/${r.data!.id}.png`)
    expect(onDisk(doc.ref)).toBe(true)
  })

  test('links: allowed readers only, bound to the reader, expiring; staff reads are logged', async () => {
    const id = await h.caseIn('assigned')
    const up = await h.evidence('applicant', PNG, '考勤.png', id)
    expect(up.status).toBe(200)
    const fileId = up.data!.id
    for (const p of ['otherWorker', 'taishanStaff', 'otherLawyer'] as const) expect((await h.call(p, 'fileLink', { fileId })).status).toBe(403)
    const link = (await h.call('countyStaff', 'fileLink', { fileId })).data!
    const data = await h.call('countyStaff', 'fileData', { token: link.token })
    // a short-lived storage link, not the bytes
    expect(data.data!).toEqual({
      filename: '考勤.png',
      type: 'image/png',
      url: expect.stringMatching(/^\/api\/files\/legal-aid\//),
      expiresAt: expect.any(String),
    })
    expect(Date.parse(data.data!.expiresAt) - gw.clock.now.getTime()).toBe(60 * 1000)
    const got = await gw.download(data.data!.url)
    expect(got.bytes.equals(PNG)).toBe(true)
    // a link handed to someone else is refused, even to the applicant
    expect((await h.call('applicant', 'fileData', { token: link.token })).error!.message).toBe('这个文件链接不是发给您的')
    // tampered
    const [p, mac] = link.token.split('.')
    expect((await h.call('countyStaff', 'fileData', { token: `${p}x.${mac}` })).status).toBe(403)
    // expired
    const now = gw.clock.now
    gw.clock.now = new Date(now.getTime() + 6 * 60 * 1000)
    try {
      expect((await h.call('countyStaff', 'fileData', { token: link.token })).error!.message).toBe('文件链接已过期，请重新打开')
    } finally {
      gw.clock.now = now
    }
    const log = (await h.call('admin', 'accessLog', { caseId: id })).data!.items
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ openid: 'demo-staff', what: 'file', fileId })]))
    // an unattached upload is the uploader's alone
    const loose = (await h.evidence('applicant', PNG)).data!.id
    expect((await h.call('countyStaff', 'fileLink', { fileId: loose })).status).toBe(403)
    // and cannot be attached by someone else
    const other = await h.call('otherWorker', 'submit', { ...FORM, fileIds: [loose] })
    expect(other.error!.fields![0].path).toBe('fileIds')
  })

  test('evidence kept by the old local store (a bare key in the files folder) still opens, and moves into the port', async () => {
    const legacyDir = mkdtempSync(join(tmpdir(), 'la-legacy-'))
    writeFileSync(join(legacyDir, 'lf_legacy1'), PDF)
    await gw.store.insert('legal_files', {
      _id: 'lf_legacy1',
      ownerOpenid: 'demo-worker',
      caseId: null,
      name: '旧合同.pdf',
      type: 'application/pdf',
      size: PDF.length,
      sha256: '',
      ref: 'lf_legacy1',
      uploadedAt: '2026-10-01T00:00:00.000Z',
    })
    const saved = process.env.FILES_DIR
    process.env.FILES_DIR = legacyDir
    try {
      const open = async () => {
        const token = (await h.call('applicant', 'fileLink', { fileId: 'lf_legacy1' })).data!.token
        const data = (await h.call('applicant', 'fileData', { token })).data!
        return (await gw.download(data.url)).bytes
      }
      expect((await open()).equals(PDF)).toBe(true)
      const doc = (await gw.store.get('legal_files', 'lf_legacy1')) as unknown as { ref: string }
      expect(doc.ref).toBe('local://legal-aid/lf_legacy1.pdf')
      expect(existsSync(join(legacyDir, 'lf_legacy1'))).toBe(false)
      // read again from its new place
      expect((await open()).equals(PDF)).toBe(true)
    } finally {
      if (saved === undefined) delete process.env.FILES_DIR
      else process.env.FILES_DIR = saved
    }
  })
})

test('deadlines: per-union rule in working days across 国庆 and its makeup Saturday', async () => {
  expect((await h.call('taishanStaff', 'setDeadlines', { orgId: 'org-leling', decisionDays: 7, assignDays: 3, unit: 'workdays' })).status).toBe(403)
  expect((await h.call('countyStaff', 'setDeadlines', { orgId: 'org-leling', decisionDays: 7, assignDays: 3, unit: 'workdays' })).status).toBe(200)
  const now = gw.clock.now
  gw.clock.now = new Date('2026-09-29T10:00:00+08:00')
  try {
    const id = await h.caseIn('submitted')
    // 9/30, 10/8, 10/9, 10/10 (调休上班), 10/12, 10/13, 10/14 → due at the end of 10/14 Beijing time
    expect((await gw.store.get<{ _id: string; decisionDue: string }>('legal_cases', id))!.decisionDue).toBe('2026-10-14T16:00:00.000Z')
    gw.clock.now = new Date('2026-10-16T09:00:00+08:00')
    const overdue = (await h.call('countyStaff', 'listCases', { overdue: true })).data!.items
    expect(overdue.find((i: { id: string }) => i.id === id)).toMatchObject({ overdue: true })
    // beyond the calendar's data: no guessing which weekdays are holidays, natural days, and the case says so
    gw.clock.now = new Date('2026-12-28T10:00:00+08:00')
    const late = await h.caseIn('submitted')
    const doc = (await h.call('countyStaff', 'get', { id: late })).data!
    expect(doc.decisionDue).toBe('2027-01-04T16:00:00.000Z')
    expect(doc.deadlineNote).toContain('按自然日计算')
    expect(doc.deadlineNote).toContain('2027 年')
  } finally {
    gw.clock.now = now
  }
})

test('stats carry no personal data', async () => {
  await h.caseIn('closed')
  const r = await h.call('countyStaff', 'stats', {})
  expect(r.status).toBe(200)
  const s = r.data!
  expect(s.total).toBeGreaterThan(0)
  expect(s.amountRecovered).toBeGreaterThan(0)
  const text = JSON.stringify(s)
  for (const personal of ['13912345678', '139****5678', 'demo-worker', '王建国', '陈律师', 'demo-lawyer', FORM.employer, '钢筋工', '张师傅'])
    expect(text).not.toContain(personal)
  expect(Object.keys(s).sort()).toEqual(['amountRecovered', 'byCategory', 'byStatus', 'medianDaysToClose', 'medianDaysToDecision', 'rating', 'total'])
  // a narrower union sees only its own cases
  const t = (await h.call('taishanStaff', 'stats', {})).data!
  expect(t.total).toBeLessThan(s.total)
})
