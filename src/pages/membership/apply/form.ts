import type { HukouType, NewEmploymentType } from '@/contracts/membership/options'
import { checkIdNumber } from '@/contracts/membership/idcard'
import type { MyApplication } from '@/contracts/membership/schemas'

/**
 * What the inputs hold. Every choice starts empty ('') so an untouched picker reads 「请选择」, not a guess: no
 * default on 民族 or 政治面貌. Gender is not asked: the 身份证号 carries it. The phone is not typed: WeChat vouches
 * for it and the form keeps only the verification and its masked number.
 */
interface ApplyForm {
  name: string
  ethnicity: string
  idNumber: string
  phoneVerificationId: string
  phoneMasked: string
  education: string
  politicalStatus: string
  employer: string
  occupation: string
  hukouType: '' | HukouType
  newEmploymentType: '' | NewEmploymentType
  region: string
  consent: boolean
}

export const EMPTY_FORM: ApplyForm = {
  name: '',
  ethnicity: '',
  idNumber: '',
  phoneVerificationId: '',
  phoneMasked: '',
  education: '',
  politicalStatus: '',
  employer: '',
  occupation: '',
  hukouType: '',
  newEmploymentType: '',
  region: '',
  consent: false,
}

/**
 * A rejected application comes back without the ID number and phone (the server keeps them encrypted and does
 * not echo them), so those two are given again; consent is asked again because the submission is new.
 */
export function formFromApplication(app: MyApplication, base: ApplyForm = EMPTY_FORM): ApplyForm {
  const f = app.form
  return {
    ...base,
    name: f.name ?? '',
    ethnicity: f.ethnicity ?? '',
    education: f.education ?? '',
    politicalStatus: f.politicalStatus ?? '',
    employer: f.employer ?? '',
    occupation: f.occupation ?? '',
    hukouType: (f.hukouType as ApplyForm['hukouType']) ?? '',
    newEmploymentType: (f.newEmploymentType as ApplyForm['newEmploymentType']) ?? '',
    region: f.region ?? '',
  }
}

/** Blank is absent: the schema then says 「请填写姓名」「请选择民族」 rather than 「姓名至少 2 个字」. */
const orUndefined = (v: string) => (v.trim() === '' ? undefined : v)

/** What the 身份证号 says about its holder once it is complete and valid; null until then. */
export function fromIdNumber(idNumber: string): { gender: '男' | '女'; birth: string } | null {
  if (idNumber.trim().length !== 18) return null
  const r = checkIdNumber(idNumber)
  if (!r.ok) return null
  const { year, month, day } = r.birth
  return { gender: r.gender, birth: `${year}年${month}月${day}日` }
}

/** The values as `applyInput` takes them: gender from the ID number, the phone as WeChat's verification. */
export function toApplyInput(v: ApplyForm) {
  return {
    name: orUndefined(v.name),
    gender: fromIdNumber(v.idNumber)?.gender,
    ethnicity: orUndefined(v.ethnicity),
    idNumber: orUndefined(v.idNumber),
    phoneVerificationId: orUndefined(v.phoneVerificationId),
    education: orUndefined(v.education),
    politicalStatus: orUndefined(v.politicalStatus),
    employer: orUndefined(v.employer),
    occupation: orUndefined(v.occupation),
    hukouType: orUndefined(v.hukouType),
    newEmploymentType: orUndefined(v.newEmploymentType),
    region: orUndefined(v.region),
    consent: v.consent,
  }
}
