import { applyForm, idFor } from '../utils/membership'
import { rosterXlsx } from '../utils/roster'
import { uploadId } from './file-helpers'
import { startGateway, type Reply, type TestGateway } from './harness'
import type { LookupAnswer } from '../../src/contracts/membership/roster'

/** 会员查询: anyone learns 是/不是会员 and which union from name + 身份证号, nothing more, and not endlessly. */

jest.setTimeout(60_000)

let gw: TestGateway
const ID = idFor(801)

const lookup = async (who: string, data: unknown) => gw.as(await gw.login(who)).raw('membership', 'lookup', data) as Promise<Reply<LookupAnswer>>

beforeAll(async () => {
  gw = await startGateway()
  const staff = await gw.login('demo-staff')
  const fileId = await uploadId(
    gw,
    'sheet',
    '会员名册.xlsx',
    await rosterXlsx([['钟查询', ID, '13980000801', '乐陵市人民医院', '2016-04-01', '', '乐陵市人民医院工会']]),
    staff,
  )
  expect((await gw.as(staff).call('membership', 'importRoster', { fileId, dryRun: false })).data!.created).toBe(1)
})
afterAll(() => gw.close())

test('a member is 是 with the union’s name and nothing else; a wrong name, an unknown number and a pending applicant are 不是', async () => {
  const yes = await lookup('lookup-stranger', { name: '钟查询', idNumber: ID })
  expect(yes.status).toBe(200)
  expect(yes.data!).toEqual({ member: true, orgName: '乐陵市人民医院工会' })
  expect(JSON.stringify(yes)).not.toMatch(/13980000801|3714812016|2016-04-01|医院"/)

  expect((await lookup('lookup-stranger', { name: '钟别人', idNumber: ID })).data!).toEqual({ member: false })
  expect((await lookup('lookup-stranger', { name: '钟查询', idNumber: idFor(803) })).data!).toEqual({ member: false })

  const applicant = await gw.login('lookup-applicant')
  expect((await gw.as(applicant).call('membership', 'apply', applyForm({ idNumber: idFor(805), name: '申请中' }))).status).toBe(200)
  expect((await lookup('lookup-stranger', { name: '申请中', idNumber: idFor(805) })).data!).toEqual({ member: false })

  const bad = await lookup('lookup-stranger', { name: '钟查询', idNumber: '123' })
  expect(bad.status).toBe(400)
  expect(bad.error!.fields![0].path).toBe('idNumber')
})

test('rate-limited per person and per 身份证号: walking through numbers soon stops', async () => {
  const answers = []
  for (let i = 0; i < 12; i++) answers.push((await lookup('lookup-walker', { name: '钟查询', idNumber: idFor(900 + i) })).status)
  expect(answers.slice(0, 10)).toEqual(Array(10).fill(200))
  expect(answers.slice(10)).toEqual([429, 429])
  // One number asked by many people: five a day.
  const many = []
  for (let i = 0; i < 7; i++) many.push((await lookup(`lookup-many-${i}`, { name: '钟查询', idNumber: idFor(807) })).status)
  expect(many).toEqual([200, 200, 200, 200, 200, 429, 429])
})
