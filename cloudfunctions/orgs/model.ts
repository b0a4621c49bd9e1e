import { createHash } from 'node:crypto'
import type { Industry, OrgKind } from '../../src/contracts/orgs/labels'
import { normalizeName } from '../../src/contracts/orgs/names'
import type { AreaItem, OrgNode } from '../../src/contracts/orgs/schemas'
import type { Doc } from '../_core/store/port'

export const ORGS = 'orgs'
export const AREAS = 'areas'
export const EMPLOYERS = 'employers'
/** One document per org name in use, `_id` from the normalized name: two orgs cannot both insert it. */
export const ORG_NAMES = 'org_names'

export interface OrgRecord extends Doc {
  name: string
  parentId: string | null
  kind: OrgKind
  phone?: string
  industries?: Industry[]
  regions?: string[]
  disabled?: boolean
  createdAt?: string
  updatedAt?: string
  updatedBy?: string
}

export interface AreaRecord extends Doc {
  name: string
  center?: { lat: number; lng: number } | null
  orgId: string
  order: number
  disabled?: boolean
}

/**
 * One routing key: `_id` is `employerDocId(name)`, so 入会 finds the union with one get. The names of one employer
 * (its own and its aliases) share `employerId`; documents written before aliases existed have none and are an
 * employer of their own.
 */
export interface EmployerRecord extends Doc {
  name: string
  orgId: string
  employerId?: string
  alias?: boolean
  updatedAt?: string
  updatedBy?: string
}

function keyHash(kind: string, name: string, attempt: number): string {
  return createHash('sha256')
    .update(`${kind}\n${normalizeName(name)}${attempt ? `\n${attempt}` : ''}`)
    .digest('hex')
    .slice(0, 20)
}

/**
 * A new org's id, from its name: importing the same sheet twice lands on the same documents. An org renamed
 * since keeps its old id, so when that id is taken the next attempt's is used (`taken` says which are).
 */
export function orgKeyId(name: string, taken: (id: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const id = `org_${keyHash('org', name, attempt)}`
    if (!taken(id)) return id
  }
}

export interface OrgNameRecord extends Doc {
  orgId: string
  name: string
}

/** The id of the name-key document of `name` (spacing and full-width forms normalized away, as names compare). */
export function orgNameKey(name: string): string {
  return `name_${keyHash('org-name', name, 0)}`
}

export function areaKeyId(name: string, taken: (id: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const id = `area_${keyHash('area', name, attempt)}`
    if (!taken(id)) return id
  }
}

export function toArea(a: AreaRecord): AreaItem {
  return {
    id: a._id,
    name: a.name,
    ...(a.center ? { lat: a.center.lat, lng: a.center.lng } : {}),
    order: a.order ?? 0,
    disabled: a.disabled === true,
  }
}

export function toNode(o: OrgRecord, depth: number, own: boolean): OrgNode {
  return {
    id: o._id,
    name: o.name,
    parentId: o.parentId ?? null,
    kind: o.kind,
    phone: o.phone ?? '',
    industries: o.industries ?? [],
    regions: o.regions ?? [],
    disabled: o.disabled === true,
    depth,
    own,
  }
}

/** The fields an org's audit record shows before and after a change. */
export function orgAuditView(o: OrgRecord | null): Record<string, unknown> | null {
  if (!o) return null
  return {
    name: o.name,
    parentId: o.parentId,
    kind: o.kind,
    phone: o.phone ?? '',
    industries: o.industries ?? [],
    regions: o.regions ?? [],
    disabled: o.disabled === true,
  }
}
