import type * as z from 'zod'
import { applyForm } from '../utils/membership'
import {
  applyInput,
  bulkApproveInput,
  getApplicationInput,
  listApplicationsInput,
  reviewInput,
  revokeInput,
  verifyCardInput,
} from '../../src/contracts/membership/schemas'
import { getStationInput, importCsvInput, reportInput, searchInput, stationFields, upsertInput } from '../../src/contracts/stations/schemas'

/** Issue 7 items 7 and 10: every date is a real calendar day; every text field refuses invisible characters. */
const apply = applyForm()
const station = {
  name: '市中街道驿站',
  address: '乐陵市兴隆南大街 300 号',
  lat: 37.72,
  lng: 117.218,
  hours: '08:00-20:00',
  amenities: ['water'],
  phone: '0534-6200001',
}

/** [schema, a valid input, the text field to poison, where the error should point] */
const TEXT_FIELDS: [string, z.ZodType, Record<string, unknown>, string][] = [
  ['apply.name', applyInput, apply, 'name'],
  ['apply.employer', applyInput, apply, 'employer'],
  ['apply.occupation', applyInput, apply, 'occupation'],
  ['apply.region', applyInput, apply, 'region'],
  ['review.reason', reviewInput, { id: 'app_1', decision: 'reject', reason: '工作单位请填写全称' }, 'reason'],
  ['review.id', reviewInput, { id: 'app_1', decision: 'approve' }, 'id'],
  ['revoke.reason', revokeInput, { id: 'app_1', reason: '调离本单位' }, 'reason'],
  ['getApplication.id', getApplicationInput, { id: 'app_1' }, 'id'],
  ['verifyCard.payload', verifyCardInput, { payload: 'GH1.abcdefghijk.sig' }, 'payload'],
  ['station.name', stationFields, station, 'name'],
  ['station.address', stationFields, station, 'address'],
  ['station.hours', stationFields, station, 'hours'],
  ['station.phone', stationFields, station, 'phone'],
  ['upsert.id', upsertInput, { ...station, id: 'st-shizhong', version: 1 }, 'id'],
  ['getStation.id', getStationInput, { id: 'st-shizhong' }, 'id'],
  ['search.keyword', searchInput, { keyword: '环卫' }, 'keyword'],
  ['report.text', reportInput, { id: 'st-shizhong', kind: 'other', text: '饮水机坏了' }, 'text'],
  ['importCsv.csv', importCsvInput, { csv: 'name,address\n甲,乙' }, 'csv'],
]

describe('10 text fields refuse NUL, zero-width and bidi-override characters', () => {
  test.each(TEXT_FIELDS)('10.1 %s accepts its valid input', (_n, schema, valid) => {
    const r = schema.safeParse(valid)
    if (!r.success) throw new Error(JSON.stringify(r.error.issues))
  })
  for (const [label, ch] of [
    ['NUL', '\u0000'],
    ['U+200B', '\u200b'],
    ['U+202E', '\u202e'],
  ] as const) {
    test.each(TEXT_FIELDS)(`10.1 %s refuses ${label}`, (_n, schema, valid, field) => {
      const value = String(valid[field])
      const poisoned = value.slice(0, 1) + ch + value.slice(1)
      const r = schema.safeParse({ ...valid, [field]: poisoned })
      expect(r.success).toBe(false)
      expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(field)
    })
  }
  test('10.2 a station named with three U+200B is refused, not saved as a blank name', () => {
    const r = stationFields.safeParse({ ...station, name: '\u200b\u200b\u200b' })
    expect(r.success).toBe(false)
  })
  test('10.3 text is NFC-normalised and trimmed of Unicode spaces', () => {
    const r = stationFields.parse({ ...station, name: '\u3000市中街道驿站\u00a0', address: 'Cafe\u0301 乐陵市兴隆南大街 1 号' })
    expect(r.name).toBe('市中街道驿站')
    expect(r.address).toBe('Café 乐陵市兴隆南大街 1 号')
  })
  test('10.4 the existing Chinese messages keep their meaning', () => {
    const r = stationFields.safeParse({ ...station, name: '甲' })
    expect(r.error!.issues[0].message).toBe('驿站名称至少 2 个字')
    const a = applyInput.safeParse({ ...apply, name: '王1' })
    expect(a.error!.issues[0].message).toBe('姓名只能包含汉字、字母和间隔号')
  })
})

describe('7 dates are real calendar days', () => {
  test.each([['2026-13-45'], ['2026-02-30'], ['2025-02-29'], ['2026-1-5'], ['2026-04-31']])('7.1 listApplications refuses %s', (d) => {
    for (const field of ['from', 'to']) {
      const r = listApplicationsInput.safeParse({ [field]: d })
      expect(r.success).toBe(false)
      expect(r.error!.issues[0]).toMatchObject({ path: [field] })
      expect(r.error!.issues[0].message).toMatch(/日期/)
    }
  })
  test('7.2 real days pass, leap days included', () => {
    expect(listApplicationsInput.parse({ from: '2024-02-29', to: '2026-12-31' })).toMatchObject({ from: '2024-02-29', to: '2026-12-31' })
  })
  test('7.3 bulkApprove ids are document ids', () => {
    expect(bulkApproveInput.safeParse({ ids: ['app_1', 'a b'] }).success).toBe(false)
  })
})
