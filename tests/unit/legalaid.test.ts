import { STATUSES } from '../../src/contracts/legalAid/schemas'
import { STEPS, canStep, stepsFrom } from '../../src/contracts/legalAid/states'
import { submitInput, transitionInput, uploadInput } from '../../src/contracts/legalAid/schemas'
import { CALENDAR_LAST_YEAR, CalendarRangeError, dueAt, isWorkingDay, lastDay } from '../../cloudfunctions/legalAid/deadlines'
import { cloudFiles, type CloudStorageApp } from '../../cloudfunctions/_core/files'
import { evidencePath, sniffType } from '../../cloudfunctions/legalAid/files'

const at = (s: string) => new Date(s)

describe('deadlines', () => {
  test('calendar days end at 24:00 Beijing time of the last day', () => {
    expect(lastDay(at('2026-09-29T10:00:00+08:00'), 7, 'days')).toBe('2026-10-06')
    // 23:30 Beijing on 9/29 is still 9/29 there, though 15:30 UTC
    expect(dueAt(at('2026-09-29T23:30:00+08:00'), 7, 'days')).toBe('2026-10-06T16:00:00.000Z')
  })
  test('working days skip 国庆 and count the 调休 makeup Saturday 10/10', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false)
    expect(isWorkingDay('2026-10-10')).toBe(true) // Saturday, 调休上班
    expect(isWorkingDay('2026-09-20')).toBe(true) // Sunday, 调休上班
    expect(lastDay(at('2026-09-29T10:00:00+08:00'), 7, 'workdays')).toBe('2026-10-14')
    // 3 working days from Friday 9/18: Sunday 9/20 is a makeup day → 9/20, 9/21, 9/22
    expect(lastDay(at('2026-09-18T10:00:00+08:00'), 3, 'workdays')).toBe('2026-09-22')
    // 中秋 9/25–9/27: from Thursday 9/24, 1 working day is Monday 9/28
    expect(lastDay(at('2026-09-24T10:00:00+08:00'), 1, 'workdays')).toBe('2026-09-28')
  })
  test('a date beyond the calendar’s data fails loudly instead of guessing Mon–Fri', () => {
    expect(CALENDAR_LAST_YEAR).toBe(2026)
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarRangeError)
    expect(() => lastDay(at('2026-12-28T10:00:00+08:00'), 7, 'workdays')).toThrow(/no data for 2027-01-0/)
    expect(() => isWorkingDay('2003-12-31')).toThrow(CalendarRangeError)
    // calendar days need no calendar
    expect(lastDay(at('2026-12-28T10:00:00+08:00'), 7, 'days')).toBe('2027-01-04')
  })
})

describe('state machine', () => {
  test('the steps as the issue states them', () => {
    expect(stepsFrom('submitted').sort()).toEqual(['accept', 'decline', 'requestDocs', 'withdraw'])
    expect(stepsFrom('needs_docs').sort()).toEqual(['lapse', 'supplyDone', 'withdraw'])
    expect(stepsFrom('accepted').sort()).toEqual(['assign', 'withdraw'])
    expect(stepsFrom('declined')).toEqual(['object'])
    expect(stepsFrom('objecting').sort()).toEqual(['overturn', 'uphold'])
    expect(stepsFrom('assigned').sort()).toEqual(['assign', 'start', 'withdraw'])
    expect(stepsFrom('in_progress').sort()).toEqual(['close', 'withdraw'])
    expect(stepsFrom('closed')).toEqual([])
    for (const s of STATUSES) for (const step of stepsFrom(s)) expect(STATUSES).toContain(STEPS[step].to)
  })
  test('who takes which step', () => {
    expect(canStep('close', 'in_progress', 'lawyer')).toBe(true)
    expect(canStep('close', 'submitted', 'staff')).toBe(false)
    expect(canStep('assign', 'declined', 'staff')).toBe(false)
    expect(canStep('accept', 'submitted', 'lawyer')).toBe(false)
    expect(canStep('withdraw', 'assigned', 'staff')).toBe(false)
  })
})

describe('schemas', () => {
  const base = { category: 'wage', employer: '某公司', facts: '拖欠三个月工资一直不给', claim: '支付工资', phone: '13912345678' }
  test('messages name the field', () => {
    const r = submitInput.safeParse({ ...base, phone: '123', facts: '太短' })
    expect(r.success).toBe(false)
    const msgs = r.error!.issues.map((i) => i.message)
    expect(msgs).toEqual(expect.arrayContaining(['手机号应为 11 位大陆手机号', '事实经过至少 10 个字']))
    expect(submitInput.parse(base)).toMatchObject({ groupSize: 1, fileIds: [] })
  })
  test('closing needs an outcome', () => {
    expect(transitionInput.safeParse({ id: 'x', to: 'closed' }).error!.issues[0]).toMatchObject({ path: ['outcome'], message: '办结时请选择结果' })
    expect(transitionInput.safeParse({ id: 'x', to: 'in_progress' }).success).toBe(true)
  })
  test('uploads: a stored file id, never the bytes', () => {
    expect(uploadInput.safeParse({ name: 'a.png', fileId: 'local://uploads/demo-worker/evidence/20261123-abc.png' }).success).toBe(true)
    expect(uploadInput.safeParse({ name: 'a.png', base64: 'AAAA' }).error!.issues[0]).toMatchObject({ path: ['fileId'], message: '请先上传证据文件' })
    expect(uploadInput.safeParse({ name: 'a.png', fileId: 'cloud://env.b/legal-aid/lf_1.png' }).success).toBe(false)
  })
})

describe('files', () => {
  test('sniffing by magic bytes', () => {
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg')
    expect(sniffType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png')
    expect(sniffType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp')
    expect(sniffType(Buffer.from('%PDF-1.7'))).toBe('application/pdf')
    expect(sniffType(Buffer.from('GIF89a'))).toBeNull()
    expect(sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
  })
  test('evidence is kept under legal-aid/ by its id, with the extension of its real type', () => {
    expect(evidencePath('lf_1', 'application/pdf')).toBe('legal-aid/lf_1.pdf')
    expect(evidencePath('lf_2', 'image/jpeg')).toBe('legal-aid/lf_2.jpg')
  })
  test('the cloud adapter calls the SDK’s storage calls (offline stub of the app)', async () => {
    const stored = new Map<string, Buffer>()
    const calls: string[] = []
    const app: CloudStorageApp = {
      async uploadFile({ cloudPath, fileContent }) {
        calls.push(`upload ${cloudPath}`)
        stored.set(`cloud://env.bucket/${cloudPath}`, fileContent)
        return { fileID: `cloud://env.bucket/${cloudPath}` }
      },
      async downloadFile({ fileID }) {
        calls.push(`download ${fileID}`)
        return { fileContent: stored.get(fileID) }
      },
      async getTempFileURL({ fileList }) {
        calls.push(`link ${fileList.map((f) => `${f.fileID}@${f.maxAge}`).join(' ')}`)
        return {
          fileList: fileList.map((f) => ({
            fileID: f.fileID,
            tempFileURL: `https://b.tcb.qcloud.la/${f.fileID.slice('cloud://env.bucket/'.length)}?sign=x`,
            code: 'SUCCESS',
          })),
        }
      },
      async deleteFile({ fileList }) {
        calls.push(`delete ${fileList.join(' ')}`)
        for (const id of fileList) stored.delete(id)
        return {}
      },
    }
    const s = cloudFiles(app)
    const ref = await s.put(evidencePath('lf_1', 'image/png'), Buffer.from('abc'))
    expect(ref).toBe('cloud://env.bucket/legal-aid/lf_1.png')
    expect((await s.get(ref)).toString()).toBe('abc')
    // evidence stored before the shared port, under its bare id, reads the same way
    stored.set('cloud://env.bucket/legal-aid/lf_old', Buffer.from('old'))
    expect((await s.get('cloud://env.bucket/legal-aid/lf_old')).toString()).toBe('old')
    expect(await s.link(ref, 120)).toBe('https://b.tcb.qcloud.la/legal-aid/lf_1.png?sign=x')
    await s.remove([ref])
    expect(calls).toEqual([
      'upload legal-aid/lf_1.png',
      `download ${ref}`,
      'download cloud://env.bucket/legal-aid/lf_old',
      `link ${ref}@120`,
      `delete ${ref}`,
    ])
    await expect(s.put('../escape', Buffer.from('x'))).rejects.toThrow('bad file path')
    await expect(cloudFiles({ ...app, downloadFile: async () => ({ fileContent: undefined }) }).get(ref)).rejects.toThrow('no content')
  })
})
