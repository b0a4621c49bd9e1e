import { NEW_EMPLOYMENT_TYPES, type NewEmploymentType } from '../membership/options'

/** What a union is; the routing of 入会 applications depends on it (see cloudfunctions/membership/routing.ts). */
const ORG_KINDS = [
  { key: 'county', label: '总工会' },
  { key: 'enterprise', label: '基层工会' },
  { key: 'joint', label: '联合工会' },
  { key: 'industry', label: '行业工会' },
] as const
export type OrgKind = (typeof ORG_KINDS)[number]['key']
export const ORG_KIND_KEYS = ORG_KINDS.map((k) => k.key) as unknown as [OrgKind, ...OrgKind[]]

/** Only the county federation is the root; every org below it is one of these. */
export const CHILD_KINDS = ORG_KINDS.filter((k) => k.key !== 'county')

export function orgKindLabel(kind: string): string {
  return ORG_KINDS.find((k) => k.key === kind)?.label ?? '工会'
}

/** The 新就业形态 groups a 联合工会 / 行业工会 organises (「否（单位职工）」 is no trade). */
export const INDUSTRIES = NEW_EMPLOYMENT_TYPES.filter((n) => n.key !== 'none').map((n) => ({ key: n.key, label: n.label }))
export type Industry = Exclude<NewEmploymentType, 'none'>
export const INDUSTRY_KEYS = INDUSTRIES.map((i) => i.key) as unknown as [Industry, ...Industry[]]

/** Kinds that organise by trade: only they route 新就业形态 applications by industry. */
export function takesIndustries(kind: string): boolean {
  return kind === 'joint' || kind === 'industry'
}
