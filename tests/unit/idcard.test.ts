import { ageOn, checkDigit, checkIdNumber, maskIdNumber, maskName, maskPhone } from '../../src/contracts/membership/idcard'
import { applyInput, REJECT_REASON_MIN, reviewInput } from '../../src/contracts/membership/schemas'
import { EMPTY_FORM, fromIdNumber, toApplyInput } from '../../src/pages/membership/apply/form'
import { check } from '../../src/utils/form'

const id = (first17: string) => first17 + checkDigit(first17)

describe('身份证号 (GB 11643)', () => {
  test('the check character follows ISO 7064 MOD 11-2, X included', () => {
    // The standard's own worked example.
    expect(checkDigit('11010519491231002')).toBe('X')
    expect(checkIdNumber('11010519491231002X')).toMatchObject({ ok: true, gender: '女', birth: { year: 1949, month: 12, day: 31 } })
    expect(checkIdNumber(id('37148119900307123'))).toMatchObject({ ok: true, gender: '男' })
  })

  test('a lowercase x is accepted and normalised', () => {
    const r = checkIdNumber('11010519491231002x')
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' })
  })

  test('a wrong check character is refused', () => {
    const good = id('37148119900307123')
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    expect(checkIdNumber(bad)).toEqual({ ok: false, message: expect.stringContaining('校验位') })
  })

  test('impossible and future birth dates are refused', () => {
    expect(checkIdNumber(id('37148119900230123'))).toEqual({ ok: false, message: expect.stringContaining('出生日期') }) // 30 Feb
    expect(checkIdNumber(id('37148119001301123'))).toEqual({ ok: false, message: expect.stringContaining('出生日期') }) // month 13
    expect(checkIdNumber(id('37148118990101123'))).toMatchObject({ ok: false })
    expect(checkIdNumber(id('37148120990101123'), new Date('2026-11-23'))).toEqual({ ok: false, message: expect.stringContaining('晚于今天') })
    expect(checkIdNumber(id('37148120000229123'))).toMatchObject({ ok: true }) // 2000 was a leap year
  })

  test('wrong length, letters and unknown provinces are refused', () => {
    expect(checkIdNumber('3714811990030712')).toEqual({ ok: false, message: '身份证号应为 18 位' })
    expect(checkIdNumber('37148119900307A23X')).toMatchObject({ ok: false })
    expect(checkIdNumber(id('99148119900307123'))).toEqual({ ok: false, message: expect.stringContaining('地区码') })
  })

  test('age on a given day', () => {
    expect(ageOn({ year: 2010, month: 11, day: 24 }, new Date('2026-11-23'))).toBe(15)
    expect(ageOn({ year: 2010, month: 11, day: 23 }, new Date('2026-11-23'))).toBe(16)
  })

  test('masks', () => {
    expect(maskIdNumber('37148119900307123X')).toBe('3714**********123X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskName('王建国')).toBe('王**')
    expect(maskName('欧阳娜娜')).toBe('欧阳**')
  })
})

describe('the apply schema, as the form and the server use it', () => {
  const form = {
    name: '王建国',
    gender: '男',
    ethnicity: '汉族',
    idNumber: id('37148119900307123'),
    phone: '13812345678',
    education: '高中/中专/技校',
    politicalStatus: '群众',
    employer: '泰山体育产业集团有限公司',
    occupation: '装配工',
    hukouType: 'rural',
    newEmploymentType: 'none',
    region: 'area-shizhong',
    consent: true,
  }
  test('a complete form passes', () => {
    expect(applyInput.safeParse(form).success).toBe(true)
  })
  test.each([
    ['idNumber', { idNumber: '37148119900307123' }, '18 位'],
    ['phone', { phone: '1381234567' }, '11 位'],
    ['phone', { phone: '23812345678' }, '手机号'],
    ['gender', { gender: '女' }, '身份证号不一致'],
    ['consent', { consent: false }, '同意'],
    ['ethnicity', { ethnicity: '火星族' }, '民族'],
    ['idNumber', { idNumber: id('37148120150101123') }, '未满 16 周岁'],
  ])('a bad %s is named with a Chinese message', (path, patch, text) => {
    const r = applyInput.safeParse({ ...form, ...patch })
    expect(r.success).toBe(false)
    const issue = r.error!.issues.find((i) => i.path.join('.') === path)
    expect(issue?.message).toContain(text)
  })

  test('a bad name AND a gender/ID mismatch are reported together, not one after the other', () => {
    const r = applyInput.safeParse({ ...form, name: '王', gender: '女', phone: '123' })
    expect(r.success).toBe(false)
    const paths = r.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['name', 'gender', 'phone']))
    expect(r.error!.issues.find((i) => i.path.join('.') === 'gender')?.message).toBe('性别与身份证号不一致')
  })
  test('the form asks no gender: it is read from the 身份证号, with the birth date', () => {
    expect(fromIdNumber(id('37148119900307123'))).toEqual({ gender: '男', birth: '1990年3月7日' })
    expect(fromIdNumber('11010519491231002X')).toEqual({ gender: '女', birth: '1949年12月31日' })
    expect(fromIdNumber('3714811990030712')).toBeNull()
    const r = check(applyInput, toApplyInput({ ...EMPTY_FORM, name: '王建国', idNumber: id('37148119900307123') }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.gender).toBeUndefined()
    // Nothing chosen for the caller: 民族 and 政治面貌 start empty and say so; a blank box says 请填写.
    expect(r.errors.ethnicity).toBe('请选择民族')
    expect(r.errors.politicalStatus).toBe('请选择政治面貌')
    expect(r.errors.employer).toBe('请填写工作单位')
    expect(r.errors.phone).toBe('请验证手机号')
  })
  test('a phone WeChat verified stands in for a typed one', () => {
    const { phone: _typed, ...rest } = form
    expect(applyInput.safeParse({ ...rest, phoneVerificationId: 'chk_123456789' }).success).toBe(true)
    expect(applyInput.safeParse(rest).error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['phone', '请验证手机号']])
  })
  test('an unreadable ID or an unpicked gender adds no mismatch on top of their own message', () => {
    const r = applyInput.safeParse({ ...form, idNumber: '123', gender: undefined })
    const gender = r.error!.issues.filter((i) => i.path.join('.') === 'gender')
    expect(gender.map((i) => i.message)).toEqual(['请选择性别'])
  })
  test('a reject reason states its minimum length', () => {
    const r = reviewInput.safeParse({ id: 'app-1', decision: 'reject', reason: '改' })
    expect(r.error!.issues[0].message).toContain(`至少 ${REJECT_REASON_MIN} 个字`)
  })
})
