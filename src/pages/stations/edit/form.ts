import type { AmenityKey } from '@/contracts/stations/amenities'
import type { Assessment } from '@/contracts/stations/assessment'
import { upsertInput, type StationDetail, type UpsertInput } from '@/contracts/stations/schemas'
import { check, type FieldMessages } from '@/utils/form'

export interface SeasonForm {
  name: string
  from: string
  to: string
  hours: string
}

/** Yes / no / not said yet: an unanswered question is missing from the self-assessment, not a no. */
export type YesNo = 'yes' | 'no' | ''

export interface AssessmentForm {
  areaM2: string
  groundFloor: YesNo
  facingStreet: YesNo
  haircut: boolean
}

/** What the inputs hold: coordinates stay text until submit so half-typed numbers are not mangled. */
export interface StationForm {
  name: string
  address: string
  lat: string
  lng: string
  hours: string
  amenities: AmenityKey[]
  phone: string
  /** '' = no limit */
  validFrom: string
  validTo: string
  seasons: SeasonForm[]
  assessment: AssessmentForm
  /** the version loaded for an edit; the server refuses the save if someone saved since */
  version?: number
}

const EMPTY_ASSESSMENT_FORM: AssessmentForm = { areaM2: '', groundFloor: '', facingStreet: '', haircut: false }

export const EMPTY_FORM: StationForm = {
  name: '',
  address: '',
  lat: '',
  lng: '',
  hours: '',
  amenities: [],
  phone: '',
  validFrom: '',
  validTo: '',
  seasons: [],
  assessment: EMPTY_ASSESSMENT_FORM,
}

export const HOURS_EXAMPLES = ['08:00-20:00', '20:00-次日08:00', '24小时', '周一至周五 08:00-18:00；周六 09:00-12:00']

const yesNo = (b: boolean | null | undefined): YesNo => (b === true ? 'yes' : b === false ? 'no' : '')
const fromYesNo = (v: YesNo): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null)

export function formFromStation(s: StationDetail): StationForm {
  const a = s.assessment
  return {
    name: s.name,
    address: s.address,
    lat: String(s.lat),
    lng: String(s.lng),
    hours: s.hours,
    amenities: [...s.amenities],
    phone: s.phone,
    validFrom: s.validFrom ?? '',
    validTo: s.validTo ?? '',
    seasons: s.seasons.map((x) => ({ name: x.name, from: x.from, to: x.to, hours: x.hours })),
    assessment: a
      ? {
          areaM2: a.areaM2 === null ? '' : String(a.areaM2),
          groundFloor: yesNo(a.groundFloor),
          facingStreet: yesNo(a.facingStreet),
          haircut: a.haircut,
        }
      : EMPTY_ASSESSMENT_FORM,
    version: s.version,
  }
}

/** The self-assessment as the contract takes it; an area that is not a number is kept as text for the check to name. */
export function assessmentOf(form: AssessmentForm): Assessment {
  const area = form.areaM2.trim()
  return {
    areaM2: area === '' ? null : (Number(area) as number),
    groundFloor: fromYesNo(form.groundFloor),
    facingStreet: fromYesNo(form.facingStreet),
    haircut: form.haircut,
  }
}

/** Same schema as the server; empty coordinates get their own message because Number('') is 0. */
export function validateForm(form: StationForm, id?: string): { ok: true; data: UpsertInput } | { ok: false; errors: FieldMessages } {
  const missing: FieldMessages = {}
  if (!form.lat.trim()) missing.lat = '请填写纬度'
  if (!form.lng.trim()) missing.lng = '请填写经度'
  const area = form.assessment.areaM2.trim()
  if (area && !Number.isFinite(Number(area))) missing['assessment.areaM2'] = '面积必须是数字'
  const checked = check(upsertInput, {
    ...(id ? { id, version: form.version } : {}),
    name: form.name,
    address: form.address,
    lat: Number(form.lat.trim()),
    lng: Number(form.lng.trim()),
    hours: form.hours,
    amenities: form.amenities,
    phone: form.phone,
    validFrom: form.validFrom,
    validTo: form.validTo,
    seasons: form.seasons,
    assessment: missing['assessment.areaM2'] ? { ...assessmentOf(form.assessment), areaM2: null } : assessmentOf(form.assessment),
  })
  if (checked.ok && !Object.keys(missing).length) return { ok: true, data: checked.data }
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...missing } }
}
