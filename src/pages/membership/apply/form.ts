import { applyInput, type MyApplication } from '@/contracts/membership/schemas'
import type { HukouType, NewEmploymentType } from '@/contracts/membership/options'
import { checkIdNumber } from '@/contracts/membership/idcard'
import { check, type FieldMessages } from '@/utils/form'
import type { ApplyData } from '../shared/api'

/** What the inputs hold. Enum fields start empty ('') so an untouched picker reads 「请选择」, not a guess. */
export interface ApplyForm {
  name: string
  gender: '' | '男' | '女'
  ethnicity: string
  idNumber: string
  phone: string
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
  gender: '',
  // By far the most common answer; a default saves most people scrolling a 56-item list.
  ethnicity: '汉族',
  idNumber: '',
  phone: '',
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
 * not echo them), so those two are re-entered; consent is asked again because the submission is new.
 */
export function formFromApplication(app: MyApplication): ApplyForm {
  const f = app.form
  return {
    ...EMPTY_FORM,
    name: f.name ?? '',
    gender: (f.gender as ApplyForm['gender']) ?? '',
    ethnicity: f.ethnicity ?? EMPTY_FORM.ethnicity,
    education: f.education ?? '',
    politicalStatus: f.politicalStatus ?? '',
    employer: f.employer ?? '',
    occupation: f.occupation ?? '',
    hukouType: (f.hukouType as ApplyForm['hukouType']) ?? '',
    newEmploymentType: (f.newEmploymentType as ApplyForm['newEmploymentType']) ?? '',
    region: f.region ?? '',
  }
}

const orUndefined = (v: string) => (v === '' ? undefined : v)

/** Text fields left blank: 「请填写…」 reads better than the schema's 「…至少 2 个字」 for an empty box. */
const BLANK: Partial<Record<keyof ApplyForm, string>> = {
  name: '请填写姓名',
  idNumber: '请填写身份证号',
  phone: '请填写手机号',
  employer: '请填写工作单位',
  occupation: '请填写职业/工种',
}

/** The server's own schema, so the messages under each field are the ones the server would send. */
export function validateForm(form: ApplyForm): { ok: true; data: ApplyData } | { ok: false; errors: FieldMessages } {
  const checked = check(applyInput, {
    ...form,
    gender: orUndefined(form.gender),
    ethnicity: orUndefined(form.ethnicity),
    education: orUndefined(form.education),
    politicalStatus: orUndefined(form.politicalStatus),
    hukouType: orUndefined(form.hukouType),
    newEmploymentType: orUndefined(form.newEmploymentType),
    region: orUndefined(form.region),
  })
  if (checked.ok) return checked
  const errors = { ...checked.errors }
  for (const [key, message] of Object.entries(BLANK)) {
    if (errors[key] && !String(form[key as keyof ApplyForm]).trim()) errors[key] = message
  }
  return { ok: false, errors }
}

/** Once a full, valid ID number is typed, its 17th digit tells the gender; fill it if the person has not. */
export function genderFromId(idNumber: string): '男' | '女' | null {
  if (idNumber.trim().length !== 18) return null
  const r = checkIdNumber(idNumber)
  return r.ok ? r.gender : null
}
