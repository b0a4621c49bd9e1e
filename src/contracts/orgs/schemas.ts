import * as z from 'zod'
import { uploadedFile } from '../files'
import '../zod'
import { docId, optionalText, text } from '../fields'
import { inChina } from '../geo'
import type { FieldError } from '../result'
import { INDUSTRY_KEYS, ORG_KIND_KEYS, takesIndustries, type Industry, type OrgKind } from './labels'
import { normalizeName } from './names'

const orgId = docId('组织')
const areaId = docId('街道/乡镇')

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|12351)$/

export const orgName = text('组织名称', { min: 2, max: 40 })
export const orgPhone = optionalText('电话', { max: 30 }).refine((p) => p === '' || PHONE_RE.test(p), '电话格式不正确（手机号或带区号的座机）')
const orgIndustries = z
  .array(z.enum(INDUSTRY_KEYS, { error: '未知的行业' }), { error: '行业必须是列表' })
  .max(10, '行业最多 10 项')
  .default([])
const orgRegions = z.array(areaId, { error: '服务街道必须是列表' }).max(100, '服务街道最多 100 个').default([])

/** 行政区划代码 of a county-level division: 6 digits, not a province's or city's (those end in 00). */
export const REGION_CODE_MESSAGE = '行政区划代码应为县级的 6 位数字（末两位不是 00），如 371481'
export function isRegionCode(code: string): boolean {
  return /^[1-9]\d{5}$/.test(code) && !code.endsWith('00')
}
const regionCode = z.string({ error: '请填写行政区划代码' }).trim().refine(isRegionCode, REGION_CODE_MESSAGE)

/** One org as the form edits it; the county federation keeps kind 总工会, every other org is one of the child kinds. */
const orgFields = z
  .object({
    name: orgName,
    kind: z.enum(ORG_KIND_KEYS, { error: '请选择组织类型' }),
    phone: orgPhone,
    industries: orgIndustries,
    regions: orgRegions,
  })
  .superRefine((v, ctx) => {
    if (v.industries.length && !takesIndustries(v.kind)) {
      ctx.addIssue({ code: 'custom', path: ['industries'], message: '只有联合工会、行业工会按行业接收入会申请，请清除所选行业或更改类型' })
    }
  })

/** New org: `parentId`, no id. Edit: `id` (where it sits changes only through moveOrg). */
export const saveOrgInput = z.intersection(
  z
    .object({ id: orgId.optional(), parentId: orgId.optional() })
    .refine((v) => !!v.id || !!v.parentId, { path: ['parentId'], message: '请选择上级组织' }),
  orgFields,
)

export const moveOrgInput = z.object({ id: orgId, parentId: docId('新的上级组织') })
export const setOrgDisabledInput = z.object({ id: orgId, disabled: z.boolean({ error: '「停用」必须是真或假' }) })

const coordinate = (label: string) => z.number({ error: `${label}必须是数字` }).nullish()

/** A 街道/乡镇: its name, and optionally the centre the 驿站 map opens on (GCJ-02). */
export const areaFields = z
  .object({
    name: text('街道/乡镇名称', { min: 2, max: 20 }),
    lat: coordinate('纬度'),
    lng: coordinate('经度'),
  })
  .superRefine((v, ctx) => {
    const hasLat = typeof v.lat === 'number'
    const hasLng = typeof v.lng === 'number'
    if (hasLat !== hasLng) {
      ctx.addIssue({ code: 'custom', path: [hasLat ? 'lng' : 'lat'], message: '中心坐标需同时填写纬度和经度，或都不填' })
      return
    }
    if (hasLat && !inChina(v.lat as number, v.lng as number)) {
      const swapped = inChina(v.lng as number, v.lat as number)
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: swapped ? '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间' : '坐标不在中国境内，请检查经纬度（应为 GCJ-02 坐标）',
      })
    }
  })
export const saveAreaInput = z.intersection(z.object({ id: areaId.optional() }), areaFields)

export const moveAreaInput = z.object({ id: areaId, offset: z.union([z.literal(-1), z.literal(1)], { error: '只能上移或下移一位' }) })
export const setAreaDisabledInput = z.object({ id: areaId, disabled: z.boolean({ error: '「停用」必须是真或假' }) })

export const employerName = text('单位名称', { min: 2, max: 60 })
const alias = text('别名', { min: 2, max: 60 })

/**
 * An employer with its own union: the name people write on the 入会 form, other names they write for the same
 * company (aliases), and the union its workers' applications go to. Every name is a routing key, so no two may
 * be the same name.
 */
export const saveEmployerInput = z
  .object({
    id: docId('用人单位').optional(),
    name: employerName,
    aliases: z.array(alias, { error: '别名必须是列表' }).max(20, '别名最多 20 个').default([]),
    orgId: docId('所属工会'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set([normalizeName(v.name)])
    v.aliases.forEach((a, i) => {
      const key = normalizeName(a)
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['aliases', i], message: `别名「${a}」与单位名称或其他别名重复` })
      seen.add(key)
    })
  })

export const employersInput = z.object({
  /** one employer (the edit page), else every employer that matches */
  id: docId('用人单位').optional(),
  /** part of the employer's name or one of its aliases */
  q: optionalText('单位名称', { max: 30 }).optional(),
  /** only the employers routed to this union */
  orgId: orgId.optional(),
  page: z.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码至少为 1').default(1),
  pageSize: z.number({ error: '每页数量必须是数字' }).int().min(1).max(50, '每页最多 50 条').default(20),
})
export const removeEmployerInput = z.object({ id: docId('用人单位') })

export const saveCountyInput = z.object({ regionCode })

/** The workbook to import (.xlsx, sheets 组织 / 街道乡镇 / 用人单位), uploaded first; `dryRun` is the 预览 step: nothing is written. */
export const importSheetInput = z.object({
  fileId: uploadedFile('表格文件'),
  dryRun: z.boolean({ error: '「预览」必须是真或假' }).default(false),
})

export interface OrgNode {
  id: string
  name: string
  parentId: string | null
  kind: OrgKind
  phone: string
  industries: Industry[]
  /** ids of the 街道/乡镇 it serves */
  regions: string[]
  disabled: boolean
  /** levels below the caller's own org (0 for it) */
  depth: number
  /** one of the caller's own admin orgs: they cannot move or disable it themselves */
  own: boolean
}

export interface AreaItem {
  id: string
  name: string
  lat?: number
  lng?: number
  order: number
  disabled: boolean
}

export interface CountyInfo {
  orgId: string
  name: string
  regionCode: string
}

export interface OrgTree {
  /** the caller's orgs and everything below them, parents first */
  items: OrgNode[]
  areas: AreaItem[]
  /** null until the county is set up (npm run admin-code -- --county-name … --region-code …) */
  county: CountyInfo | null
  /** the caller administers the county federation: 街道/乡镇 and the region code are theirs to change */
  countyAdmin: boolean
  /** for county admins: orgs no chain of parents leads to from the root (a loop, or a parent gone), to repair */
  detached: OrgNode[]
}

export interface EmployerItem {
  id: string
  name: string
  aliases: string[]
  orgId: string
  orgName: string
  /** its union is disabled: applications naming it go on to the next routing rule */
  orgDisabled: boolean
}

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'refused'

export interface ImportRow {
  /** the sheet's own row number, header included */
  row: number
  name: string
  status: ImportStatus
  /** `path` is the column header, e.g. 上级组织 */
  errors?: FieldError[]
  /** what an update changes, in words: 「电话：0534-6211111 → 0534-6212222」 */
  changes?: string[]
}

export const SHEET_NAMES = ['街道乡镇', '组织', '用人单位'] as const
export type SheetName = (typeof SHEET_NAMES)[number]

export interface SheetReport {
  sheet: SheetName
  created: number
  updated: number
  unchanged: number
  refused: number
  /** example rows (名称 starting with 「示例：」) left out on purpose */
  skipped: number
  rows: ImportRow[]
  /** a problem with the whole sheet (a missing column): none of its rows is imported */
  message?: string
}

/** With `dryRun`, the counts say what a real import would do; nothing was written. */
export interface OrgImportReport {
  dryRun: boolean
  sheets: SheetReport[]
}
