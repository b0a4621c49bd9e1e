// Applies a deploy plan to a CloudBase environment: read the current state first, change only what differs,
// and print one line per step. The CloudBase calls go through `CloudApi` (manager-node in deploy.ts, a fake
// in tests), so a second run that finds everything in place changes nothing.
//
// A function whose code was just uploaded stays `Updating` while CloudBase installs its dependencies, and SCF
// refuses every config or trigger call until it is `Active` again. So every such step first waits for the function
// to be active, and an upload is recorded in `DeployProgress` as soon as it has installed: a run that fails after
// the upload (config refused, network gone) is finished by the next run without uploading the same code again.
import type { CollectionPlan, DeployPlan, FunctionPlan, StoragePlan } from './deploy-plan'

export interface RemoteFunction {
  /** SCF's status: Active, Creating, Updating, CreateFailed, UpdateFailed, … */
  status: string
  /** size of the deployed code package and last change time: what an upload recorded in DeployProgress is checked against */
  codeSize: number
  modTime: string
  runtime: string
  timeout: number
  memorySize: number
  description: string
  env: Record<string, string>
  triggers: Array<{ name: string; type: string; config: string }>
}

export interface CloudApi {
  getFunction(name: string): Promise<RemoteFunction | null>
  /** waits until the function is no longer Creating/Updating (manager-node's waitFunctionActive) and reads it again */
  waitActive(name: string): Promise<RemoteFunction | null>
  /** creates the function and its triggers; manager-node waits for it to be active and replaces a CreateFailed leftover */
  createFunction(f: FunctionPlan, description: string): Promise<void>
  /** uploads the code and waits for the dependency install (manager-node's isWaitInstall) */
  updateCode(f: FunctionPlan): Promise<void>
  updateConfig(f: FunctionPlan, description: string): Promise<void>
  deleteTrigger(fn: string, trigger: string): Promise<void>
  createTriggers(fn: string, triggers: FunctionPlan['triggers']): Promise<void>
  collectionExists(name: string): Promise<boolean>
  createCollection(name: string): Promise<void>
  indexNames(collection: string): Promise<string[]>
  createIndexes(collection: string, indexes: CollectionPlan['indexes']): Promise<void>
  getAcl(collection: string): Promise<string | null>
  setAcl(collection: string, acl: CollectionPlan['acl']): Promise<void>
  /** the bucket's permission (READONLY, PRIVATE, ADMINWRITE, ADMINONLY or CUSTOM) */
  getStorageAcl(): Promise<string | null>
  setStorageAcl(acl: StoragePlan['acl']): Promise<void>
}

/** An upload that finished installing, before the config step wrote its hash into the function's description. */
export interface UploadRecord {
  codeHash: string
  codeSize: number
  modTime: string
}

/** Where a deploy remembers uploads between runs (a git-ignored file in deploy.ts, memory in tests). */
export interface DeployProgress {
  get(fn: string): UploadRecord | undefined
  set(fn: string, record: UploadRecord): void
  clear(fn: string): void
}

export function memoryProgress(): DeployProgress & { records: Map<string, UploadRecord> } {
  const records = new Map<string, UploadRecord>()
  return { records, get: (fn) => records.get(fn), set: (fn, r) => void records.set(fn, r), clear: (fn) => void records.delete(fn) }
}

const TRANSITIONAL = ['Creating', 'Updating', 'Publishing', 'Deleting']
const INSTALL_HINT =
  '云函数安装依赖失败：在云开发控制台 → 云函数 → 该函数 → 日志查看原因（多为 package.json 依赖版本），修正后重新运行 npm run deploy / dependency install failed'

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly cause: unknown,
    readonly hint: string,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

export function describe(f: FunctionPlan): string {
  return `工惠 ${f.name} · code ${f.codeHash}`
}

const sameEnv = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

async function step<T>(name: string, hint: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw new StepError(name, e, hint)
  }
}

const CRED_HINT = '检查 TCB_SECRET_ID/TCB_SECRET_KEY 是否有该环境的权限、TCB_ENV_ID 是否正确 / check the API key and env id'

/** Returns the number of changes made; prints every step. */
export async function applyPlan(
  plan: DeployPlan,
  api: CloudApi,
  print: (line: string) => void = console.log,
  progress: DeployProgress = memoryProgress(),
): Promise<number> {
  let changes = 0
  for (const f of plan.functions) changes += await applyFunction(f, api, print, progress)
  for (const c of plan.collections) {
    const exists = await step(`读取集合 ${c.name} / read collection`, CRED_HINT, () => api.collectionExists(c.name))
    if (!exists) {
      await step(`创建集合 ${c.name} / create collection`, '每个环境最多 100 个集合 / at most 100 collections per env', () =>
        api.createCollection(c.name),
      )
      print(`collection ${c.name}: created`)
      changes++
    }
    const have = exists ? await step(`读取索引 ${c.name} / read indexes`, CRED_HINT, () => api.indexNames(c.name)) : []
    const add = c.indexes.filter((ix) => !have.includes(ix.name))
    if (add.length) {
      await step(`创建索引 ${c.name} / create indexes`, '同名索引已存在但字段不同时，在控制台删除它后重试', () => api.createIndexes(c.name, add))
      print(`collection ${c.name}: indexes created ${add.map((i) => i.name).join(', ')}`)
      changes++
    } else if (c.indexes.length) print(`collection ${c.name}: ${c.indexes.length} indexes in place`)
    const acl = await step(`读取集合权限 ${c.name} / read permission`, CRED_HINT, () => api.getAcl(c.name))
    if (acl !== c.acl) {
      await step(`设置集合权限 ${c.name} / set permission`, CRED_HINT, () => api.setAcl(c.name, c.acl))
      print(`collection ${c.name}: permission ${acl ?? '(none)'} → ${c.acl}`)
      changes++
    } else print(`collection ${c.name}: permission ${c.acl} unchanged`)
  }
  const storageAcl = await step('读取云存储权限 / read storage permission', CRED_HINT, () => api.getStorageAcl())
  if (storageAcl !== plan.storage.acl) {
    await step('设置云存储权限 / set storage permission', '确认环境已开通云存储 / check that the env has storage enabled', () =>
      api.setStorageAcl(plan.storage.acl),
    )
    print(`storage: permission ${storageAcl ?? '(none)'} → ${plan.storage.acl}`)
    changes++
  } else print(`storage: permission ${plan.storage.acl} unchanged`)
  return changes
}

/** Waits out Creating/Updating; a function that then is not Active cannot take config or triggers. */
async function active(f: FunctionPlan, api: CloudApi): Promise<RemoteFunction> {
  const remote = await step(`等待云函数 ${f.name} 就绪 / wait for function`, CRED_HINT, () => api.waitActive(f.name))
  if (!remote) throw new StepError(`等待云函数 ${f.name} 就绪 / wait for function`, new Error('函数不存在 / function is gone'), CRED_HINT)
  if (remote.status !== 'Active') throw new StepError(`云函数 ${f.name} 状态 ${remote.status}`, new Error(remote.status), INSTALL_HINT)
  return remote
}

/** The code in the cloud is this plan's: its hash is in the description, or this env recorded uploading it. */
function codeInPlace(f: FunctionPlan, remote: RemoteFunction, desc: string, progress: DeployProgress): boolean {
  if (remote.status === 'UpdateFailed') return false
  if (remote.description === desc) return true
  const r = progress.get(f.name)
  // Size and change time guard against someone else having uploaded other code since.
  return !!r && r.codeHash === f.codeHash && r.codeSize === remote.codeSize && r.modTime === remote.modTime
}

async function applyFunction(f: FunctionPlan, api: CloudApi, print: (line: string) => void, progress: DeployProgress): Promise<number> {
  let changes = 0
  const desc = describe(f)
  let remote = await step(`读取云函数 ${f.name} / read function`, CRED_HINT, () => api.getFunction(f.name))
  if (remote && TRANSITIONAL.includes(remote.status)) remote = await active(f, api)
  if (!remote || remote.status === 'CreateFailed') {
    await step(`创建云函数 ${f.name} / create function`, '确认 dist/cloudfunctions 已构建、环境未达到函数数量上限', () => api.createFunction(f, desc))
    print(
      `function ${f.name}: created (${f.runtime}, ${f.timeout}s, ${f.memorySize}MB, ${Object.keys(f.envVariables).length} env vars, ${f.triggers.length} triggers)`,
    )
    changes++
    // Read back what exists now; a trigger the create call did not get to is added below.
    remote = await active(f, api)
  }
  if (remote.runtime !== f.runtime)
    print(
      `function ${f.name}: runtime is ${remote.runtime}, plan says ${f.runtime}; CloudBase cannot change a runtime in place — delete the function in the console and deploy again`,
    )
  if (!codeInPlace(f, remote, desc, progress)) {
    await step(`上传云函数代码 ${f.name} / update code`, '确认 dist/cloudfunctions 已构建', () => api.updateCode(f))
    remote = await active(f, api)
    progress.set(f.name, { codeHash: f.codeHash ?? '', codeSize: remote.codeSize, modTime: remote.modTime })
    print(`function ${f.name}: code updated (${f.codeHash})`)
    changes++
  } else print(`function ${f.name}: code ${remote.description === desc ? 'unchanged' : 'uploaded by an earlier run'} (${f.codeHash})`)
  if (remote.description !== desc || remote.timeout !== f.timeout || remote.memorySize !== f.memorySize || !sameEnv(remote.env, f.envVariables)) {
    const before = remote
    remote = await active(f, api)
    await step(`更新云函数配置 ${f.name} / update config`, CRED_HINT, () => api.updateConfig(f, desc))
    const envChanged = Object.keys({ ...before.env, ...f.envVariables }).filter((k) => before.env[k] !== f.envVariables[k])
    print(
      `function ${f.name}: config updated (timeout ${f.timeout}s, memory ${f.memorySize}MB${envChanged.length ? `, env ${envChanged.join(' ')}` : ''})`,
    )
    changes++
  } else print(`function ${f.name}: config unchanged`)
  // The description now carries the hash: the upload record has done its job.
  progress.clear(f.name)
  for (const t of f.triggers) {
    const have = remote.triggers.find((r) => r.name === t.name)
    if (have && have.type === t.type && have.config === t.config) {
      print(`function ${f.name}: trigger ${t.name} unchanged`)
      continue
    }
    await active(f, api)
    if (have) await step(`删除旧触发器 ${f.name}/${t.name}`, CRED_HINT, () => api.deleteTrigger(f.name, t.name))
    await step(`创建触发器 ${f.name}/${t.name} / create trigger`, CRED_HINT, () => api.createTriggers(f.name, [t]))
    print(`function ${f.name}: trigger ${t.name} ${have ? 'replaced' : 'created'} (${t.config})`)
    changes++
  }
  // Triggers the plan no longer has (e.g. the old per-function outbox timer) would keep firing and cost invocations.
  for (const t of remote.triggers.filter((r) => !f.triggers.some((p) => p.name === r.name))) {
    await active(f, api)
    await step(`删除多余触发器 ${f.name}/${t.name}`, CRED_HINT, () => api.deleteTrigger(f.name, t.name))
    print(`function ${f.name}: trigger ${t.name} deleted (no longer in the plan)`)
    changes++
  }
  return changes
}
