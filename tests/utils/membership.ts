import type * as z from 'zod'
import { checkDigit } from '../../src/contracts/membership/idcard'
import type { applyInput } from '../../src/contracts/membership/schemas'

/**
 * A valid 乐陵 身份证号 for test `seq` (odd sequence numbers are men, as the check against gender expects),
 * born on `birth` (YYYYMMDD).
 */
export function idFor(seq: number, birth = '19900307'): string {
  const first17 = `371481${birth}${String(seq).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

/**
 * A complete, valid 入会 application (an enterprise worker routed to 泰山体育's union), with overrides. Typed as
 * the contract's input, so a typed call takes it; overrides that break the contract are for untyped calls.
 */
export function applyForm<O extends Record<string, unknown> = Record<string, never>>(over: O = {} as O): z.input<typeof applyInput> & O {
  return {
    name: '王建国',
    gender: '男',
    ethnicity: '汉族',
    idNumber: idFor(123),
    phone: '13812345678',
    education: '高中/中专/技校',
    politicalStatus: '群众',
    employer: '泰山体育产业集团有限公司',
    occupation: '装配工',
    hukouType: 'rural',
    newEmploymentType: 'none',
    region: 'area-hujia',
    consent: true,
    ...over,
  } as z.input<typeof applyInput> & O
}
