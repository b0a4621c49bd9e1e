// The deploy plan: every cloud function with its runtime settings, every collection with its indexes and
// permission, the storage bucket's permission, computed from the function registry (the same declarations the SQLite adapter indexes).
// Pure: no credentials, no network. `npm run deploy --dry-run` prints it; deploy.ts applies it.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Collections } from '../../cloudfunctions/_core/module'

export const RUNTIME = 'Nodejs18.15'

/** CloudBase's cron has seven fields: second minute hour day month weekday year. */
export const OUTBOX_TRIGGER = { name: 'deliver-outbox', type: 'timer', config: '0 */1 * * * * *' } as const

/** Per-function settings; the default covers a function that answers from the database in well under a second. */
export interface FunctionSettings {
  timeout: number
  memorySize: number
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
}
const DEFAULT_SETTINGS: FunctionSettings = { timeout: 20, memorySize: 256 }
export const FUNCTION_SETTINGS: Record<string, Partial<FunctionSettings>> = {
  // exceljs export of a county's members: the slowest and largest action there is.
  membership: { timeout: 60, memorySize: 512 },
  // exceljs import of a county's org tree and employers: a row report and one transaction per changed row.
  orgs: { timeout: 60, memorySize: 512 },
  // The outbox deliverer runs inside account (identity, the smallest function) on a timer; see _core/cloud.ts.
  account: { triggers: [{ ...OUTBOX_TRIGGER }] },
}

/** Environment variables a function reads; secret ones come from deploy.secrets.json and are never printed. */
export const SECRET_VARS = ['PII_KEY', 'CARD_SIGNING_KEY'] as const
// The county (root org, 行政区划代码) is no variable: it lives in the database's settings, see _core/county.ts.
export const PLAIN_VARS = ['WX_TEMPLATES'] as const

export interface IndexPlan {
  /** deterministic, so a second run finds it: fields and directions, e.g. orgId_1_status_1_submittedAt_1 */
  name: string
  keys: Array<{ name: string; direction: '1' | '-1' | '2dsphere' }>
}

export interface CollectionPlan {
  name: string
  indexes: IndexPlan[]
  /** only the cloud functions (admin SDK) read or write; clients never touch the database directly */
  acl: 'ADMINONLY'
}

export interface FunctionPlan {
  name: string
  dir: string
  runtime: typeof RUNTIME
  timeout: number
  memorySize: number
  installDependency: true
  envVariables: Record<string, string>
  triggers: Array<{ name: string; type: string; config: string }>
  /** sha256 of the built folder's files (first 12 hex), kept in the function's description to skip unchanged code */
  codeHash: string | null
  /** WeChat open APIs the function's config.json grants (云调用), e.g. subscribeMessage.send */
  openapi: string[]
  /** what this plan cannot do yet: a variable without a value, code not built */
  missing: string[]
}

/**
 * The bucket's rule: 「仅创建者及管理员可读写」. A client uploads into its own folder and reads only what it uploaded
 * (imports, evidence before it is taken in); functions, as admin, read everything and hand out temporary links, so
 * evidence and exports are never readable by another client.
 */
export interface StoragePlan {
  acl: 'PRIVATE'
}

export const STORAGE_ACL_LABEL = '仅创建者及管理员可读写'

export interface DeployPlan {
  envId: string | null
  functions: FunctionPlan[]
  collections: CollectionPlan[]
  storage: StoragePlan
}

export function indexPlans(spec: Collections[string]): IndexPlan[] {
  const out: IndexPlan[] = []
  const seen = new Set<string>()
  const add = (keys: IndexPlan['keys']) => {
    const name = keys.map((k) => `${k.name}_${k.direction}`).join('_')
    if (seen.has(name)) return
    seen.add(name)
    out.push({ name, keys })
  }
  if (spec.geo) add([{ name: spec.geo, direction: '2dsphere' }])
  // Ascending keys serve both sort directions: MongoDB walks a compound index backwards for a descending sort.
  // Every index ends in `_id`: the adapter adds `_id` to every sort as the tie-breaker, and an index serves a
  // sort only when it holds every sort key.
  for (const ix of spec.indexes ?? []) {
    const keys = Array.isArray(ix) ? ix : [ix]
    add([...keys, ...(keys[keys.length - 1] === '_id' ? [] : ['_id'])].map((name) => ({ name, direction: '1' as const })))
  }
  return out
}

export function codeHash(dir: string): string | null {
  if (!existsSync(join(dir, 'index.js'))) return null
  const h = createHash('sha256')
  for (const f of ['index.js', 'package.json', 'config.json']) {
    const p = join(dir, f)
    h.update(f + '\0')
    if (existsSync(p)) h.update(readFileSync(p))
  }
  return h.digest('hex').slice(0, 12)
}

export interface PlanInput {
  envId?: string | null
  functionNames: string[]
  collections: Collections
  /** PII_KEY, CARD_SIGNING_KEY, … from deploy.secrets.json */
  secrets: Record<string, string | undefined>
  /** WX_TEMPLATES, … from the environment / .env */
  vars: Record<string, string | undefined>
  distRoot?: string
  /** functions whose module declares an `onTimer` job: each gets the minute timer trigger */
  timerFunctions?: string[]
  /** where the function folders (and their own config.json) are */
  sourceRoot?: string
}

/** What every function may call: the outbox deliverer in any of them sends subscribe messages. */
export const DEFAULT_OPENAPI = ['subscribeMessage.send']

/**
 * The open APIs a function is granted: its own `cloudfunctions/<name>/config.json` when it has one (copied into
 * the build as is), else the default that build-functions writes.
 */
export function openapiOf(name: string, sourceRoot = 'cloudfunctions'): string[] {
  const file = join(sourceRoot, name, 'config.json')
  if (!existsSync(file)) return [...DEFAULT_OPENAPI]
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: { openapi?: unknown } }
  const list = parsed.permissions?.openapi
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
}

/** The trigger a module with an `onTimer` job gets (the job runs, then the outbox is sent). */
export const JOB_TRIGGER = { name: 'timer-jobs', type: 'timer', config: '0 */1 * * * * *' } as const

export function buildPlan(input: PlanInput): DeployPlan {
  const distRoot = input.distRoot ?? 'dist/cloudfunctions'
  const functions = input.functionNames.map((name): FunctionPlan => {
    const s = { ...DEFAULT_SETTINGS, ...FUNCTION_SETTINGS[name] }
    const dir = join(distRoot, name)
    const missing: string[] = []
    const envVariables: Record<string, string> = {}
    for (const k of SECRET_VARS) {
      const v = input.secrets[k]
      if (v) envVariables[k] = v
      else missing.push(`${k}（运行 npm run gen-keys 生成 deploy.secrets.json）`)
    }
    for (const k of PLAIN_VARS) {
      const v = input.vars[k]
      if (v) envVariables[k] = v
    }
    const hash = codeHash(dir)
    if (!hash) missing.push(`${dir}/index.js（先运行 npm run build:functions）`)
    return {
      name,
      dir,
      runtime: RUNTIME,
      timeout: s.timeout,
      memorySize: s.memorySize,
      installDependency: true,
      envVariables,
      triggers: [...(s.triggers ?? []), ...(input.timerFunctions?.includes(name) ? [{ ...JOB_TRIGGER }] : [])],
      codeHash: hash,
      openapi: openapiOf(name, input.sourceRoot),
      missing,
    }
  })
  const collections = Object.keys(input.collections)
    .sort()
    .map((name): CollectionPlan => ({ name, indexes: indexPlans(input.collections[name]), acl: 'ADMINONLY' }))
  return { envId: input.envId ?? null, functions, collections, storage: { acl: 'PRIVATE' } }
}

/** Values of these variables never reach the terminal or a log. */
export function shownValue(key: string, value: string): string {
  return (SECRET_VARS as readonly string[]).includes(key) ? `<secret, ${value.length} chars>` : value.length > 60 ? value.slice(0, 57) + '…' : value
}

export function formatPlan(plan: DeployPlan): string {
  const lines: string[] = []
  lines.push(`部署计划 / deploy plan — 云环境 ${plan.envId ?? '(TCB_ENV_ID 未设置)'}`)
  lines.push(`云函数 ${plan.functions.length} 个 / functions:`)
  for (const f of plan.functions) {
    lines.push(
      `  function ${f.name}: runtime ${f.runtime}, timeout ${f.timeout}s, memory ${f.memorySize}MB, installDependency, code ${f.codeHash ?? '(not built)'}, config.json openapi ${f.openapi.join(' ') || '(none)'}`,
    )
    for (const [k, v] of Object.entries(f.envVariables)) lines.push(`    env ${k}=${shownValue(k, v)}`)
    for (const t of f.triggers) lines.push(`    trigger ${t.name}: ${t.type} "${t.config}"`)
    for (const m of f.missing) lines.push(`    缺少 / missing: ${m}`)
  }
  lines.push(`集合 ${plan.collections.length} 个 / collections:`)
  for (const c of plan.collections) {
    lines.push(`  collection ${c.name}: permission ${c.acl}`)
    for (const ix of c.indexes) lines.push(`    index ${ix.name}: ${ix.keys.map((k) => `${k.name} ${k.direction}`).join(', ')}`)
  }
  lines.push(`云存储 / storage: permission ${plan.storage.acl}（${STORAGE_ACL_LABEL}）`)
  return lines.join('\n')
}
