// Applies a deploy plan to a CloudBase environment: read the current state first, change only what differs,
// and print one line per step. The CloudBase calls go through `CloudApi` (manager-node in deploy.ts, a fake
// in tests), so a second run that finds everything in place changes nothing.
import type { CollectionPlan, DeployPlan, FunctionPlan, StoragePlan } from './deploy-plan'

export interface RemoteFunction {
  runtime: string
  timeout: number
  memorySize: number
  description: string
  env: Record<string, string>
  triggers: Array<{ name: string; type: string; config: string }>
}

export interface CloudApi {
  getFunction(name: string): Promise<RemoteFunction | null>
  createFunction(f: FunctionPlan, description: string): Promise<void>
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
export async function applyPlan(plan: DeployPlan, api: CloudApi, print: (line: string) => void = console.log): Promise<number> {
  let changes = 0
  for (const f of plan.functions) {
    const desc = describe(f)
    const remote = await step(`读取云函数 ${f.name} / read function`, CRED_HINT, () => api.getFunction(f.name))
    if (!remote) {
      await step(`创建云函数 ${f.name} / create function`, '确认 dist/cloudfunctions 已构建、环境未达到函数数量上限', () =>
        api.createFunction(f, desc),
      )
      print(
        `function ${f.name}: created (${f.runtime}, ${f.timeout}s, ${f.memorySize}MB, ${Object.keys(f.envVariables).length} env vars, ${f.triggers.length} triggers)`,
      )
      changes++
      continue
    }
    if (remote.runtime !== f.runtime)
      print(
        `function ${f.name}: runtime is ${remote.runtime}, plan says ${f.runtime}; CloudBase cannot change a runtime in place — delete the function in the console and deploy again`,
      )
    if (remote.description !== desc) {
      await step(`上传云函数代码 ${f.name} / update code`, '确认 dist/cloudfunctions 已构建', () => api.updateCode(f))
      print(`function ${f.name}: code updated (${f.codeHash})`)
      changes++
    } else print(`function ${f.name}: code unchanged (${f.codeHash})`)
    if (remote.description !== desc || remote.timeout !== f.timeout || remote.memorySize !== f.memorySize || !sameEnv(remote.env, f.envVariables)) {
      await step(`更新云函数配置 ${f.name} / update config`, CRED_HINT, () => api.updateConfig(f, desc))
      const envChanged = Object.keys({ ...remote.env, ...f.envVariables }).filter((k) => remote.env[k] !== f.envVariables[k])
      print(
        `function ${f.name}: config updated (timeout ${f.timeout}s, memory ${f.memorySize}MB${envChanged.length ? `, env ${envChanged.join(' ')}` : ''})`,
      )
      changes++
    } else print(`function ${f.name}: config unchanged`)
    for (const t of f.triggers) {
      const have = remote.triggers.find((r) => r.name === t.name)
      if (have && have.type === t.type && have.config === t.config) {
        print(`function ${f.name}: trigger ${t.name} unchanged`)
        continue
      }
      if (have) await step(`删除旧触发器 ${f.name}/${t.name}`, CRED_HINT, () => api.deleteTrigger(f.name, t.name))
      await step(`创建触发器 ${f.name}/${t.name} / create trigger`, CRED_HINT, () => api.createTriggers(f.name, [t]))
      print(`function ${f.name}: trigger ${t.name} ${have ? 'replaced' : 'created'} (${t.config})`)
      changes++
    }
  }
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
