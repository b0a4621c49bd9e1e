import type { AmenityKey } from '@/contracts/stations/amenities'
import { upsertInput, type StationDetail, type UpsertInput } from '@/contracts/stations/schemas'
import { check, type FieldMessages } from '@/utils/form'

/** What the inputs hold: coordinates stay text until submit so half-typed numbers are not mangled. */
export interface StationForm {
  name: string
  address: string
  lat: string
  lng: string
  hours: string
  amenities: AmenityKey[]
  phone: string
  /** the version loaded for an edit; the server refuses the save if someone saved since */
  version?: number
}

export const EMPTY_FORM: StationForm = { name: '', address: '', lat: '', lng: '', hours: '', amenities: [], phone: '' }

export const HOURS_EXAMPLES = ['08:00-20:00', '20:00-次日08:00', '24小时', '周一至周五 08:00-18:00；周六 09:00-12:00']

export function formFromStation(s: StationDetail): StationForm {
  return {
    name: s.name,
    address: s.address,
    lat: String(s.lat),
    lng: String(s.lng),
    hours: s.hours,
    amenities: [...s.amenities],
    phone: s.phone,
    version: s.version,
  }
}

/** Same schema as the server; empty coordinates get their own message because Number('') is 0. */
export function validateForm(form: StationForm, id?: string): { ok: true; data: UpsertInput } | { ok: false; errors: FieldMessages } {
  const missing: FieldMessages = {}
  if (!form.lat.trim()) missing.lat = '请填写纬度'
  if (!form.lng.trim()) missing.lng = '请填写经度'
  const checked = check(upsertInput, {
    ...(id ? { id, version: form.version } : {}),
    name: form.name,
    address: form.address,
    lat: Number(form.lat.trim()),
    lng: Number(form.lng.trim()),
    hours: form.hours,
    amenities: form.amenities,
    phone: form.phone,
  })
  if (checked.ok && !Object.keys(missing).length) return { ok: true, data: checked.data }
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...missing } }
}
