// npm run deploy [-- --dry-run | --check] [-- --county-name <name> --region-code <6 digits>]: creates or updates every cloud
// function, collection, index and collection permission, and the storage bucket's permission, of the CloudBase
// environment TCB_ENV_ID from the function registry, then sets the county up if the database has none yet and
// prints the first admin's 激活码. --dry-run prints the whole plan with no credentials and no network. --check runs
// the self-test inside the environment (storage round trip, open-API grants) and says in Chinese what to fix. See
// deploy-plan.ts (what) and deploy-apply.ts (how).
import { spawnSync } from 'node:child_process'
import type { StorageService } from '@cloudbase/manager-node/types/storage'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { COLLECTIONS, FUNCTION_NAMES, MODULES } from '../../cloudfunctions/_local/registry'
import { TIMER_CRON } from '../../cloudfunctions/_core/module'
import { deployEnv } from '../../config/release'
import { applyPlan, StepError, type CloudApi, type DeployProgress, type RemoteFunction, type UploadRecord } from './deploy-apply'
import { buildPlan, formatPlan, permissionSteps, type DeployPlan } from './deploy-plan'
import { formatSelfCheck, type SelfCheckResult } from './deploy-check'
import { readSecrets, secretsPath } from './secrets'
import { formatPrivacy } from './privacy'
import { adminCount, cloudStore, countyOptions, formatIssued, issueActivationCode, setUpCounty, type CountyOptions } from './activation'

const DIST = 'dist/cloudfunctions'

function planFrom(env: Record<string, string | undefined>): DeployPlan {
  const secrets = readSecrets(secretsPath(env))
  const templatesFile = resolve(env.GH_TEMPLATES_FILE ?? 'subscribe-templates.json')
  const WX_TEMPLATES = env.WX_TEMPLATES ?? (existsSync(templatesFile) ? JSON.stringify(JSON.parse(readFileSync(templatesFile, 'utf8'))) : undefined)
  return buildPlan({
    envId: env.TCB_ENV_ID || null,
    functionNames: FUNCTION_NAMES,
    collections: COLLECTIONS,
    secrets,
    vars: { WX_TEMPLATES, GH_MINIPROGRAM_STATE: env.MINIPROGRAM_STATE || 'formal', STORAGE_BUCKET: env.STORAGE_BUCKET },
    distRoot: DIST,
    timerFunctions: FUNCTION_NAMES.filter((n) => MODULES[n].onTimer),
    timerCron: Object.fromEntries(FUNCTION_NAMES.filter((n) => MODULES[n].onTimer).map((n) => [n, TIMER_CRON[MODULES[n].timerEvery ?? 'minute']])),
  })
}

/** Invokes each function with the self-check event through the Tencent Cloud API (SCF Invoke). */
async function runSelfCheck(env: Record<string, string | undefined>, plan: DeployPlan): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (o: object) => any
  const app = new CloudBase({ secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY, envId: env.TCB_ENV_ID })
  const names = [...new Set([plan.sender, ...permissionSteps(plan).functions.map((f) => f.name)].filter((n): n is string => !!n))]
  const results: SelfCheckResult[] = []
  for (const name of names) {
    try {
      const r = await app.functions.invokeFunction(name, { Type: 'SelfCheck' })
      const ret = JSON.parse(String(r.RetMsg ?? 'null')) as { ok?: boolean; data?: unknown } | null
      results.push(ret?.ok ? { name, report: ret.data as SelfCheckResult['report'] } : { name, error: String(r.ErrMsg || r.RetMsg || '无返回') })
    } catch (e) {
      results.push({ name, error: e instanceof Error ? e.message : String(e) })
    }
  }
  const { text, ok } = formatSelfCheck(plan, results)
  console.log(text)
  return ok ? 0 : 1
}

/** manager-node behind the narrow CloudApi; every call is one CloudBase API request. */
function managerApi(envId: string, secretId: string, secretKey: string): CloudApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (o: object) => any
  const app = new CloudBase({ secretId, secretKey, envId })
  const functionRootPath = resolve(DIST)
  const func = (f: Parameters<CloudApi['createFunction']>[0], description?: string) => ({
    name: f.name,
    runtime: f.runtime,
    timeout: f.timeout,
    memorySize: f.memorySize,
    installDependency: true,
    envVariables: f.envVariables,
    ...(description ? { description } : {}),
  })
  const getFunction = async (name: string): Promise<RemoteFunction | null> => {
    try {
      const d = await app.functions.getFunctionDetail(name)
      const remote: RemoteFunction = {
        status: String(d.Status ?? ''),
        codeSize: Number(d.CodeSize ?? 0),
        modTime: String(d.ModTime ?? ''),
        runtime: d.Runtime,
        timeout: d.Timeout,
        memorySize: d.MemorySize,
        description: d.Description ?? '',
        env: Object.fromEntries((d.Environment?.Variables ?? []).map((v: { Key: string; Value: string }) => [v.Key, v.Value])),
        triggers: (d.Triggers ?? []).map((t: { TriggerName: string; Type: string; TriggerDesc: string }) => ({
          name: t.TriggerName,
          type: t.Type,
          config: parseCron(t.TriggerDesc),
        })),
      }
      return remote
    } catch (e) {
      if (/ResourceNotFound/.test(String((e as { code?: string }).code ?? '') + String((e as Error).message))) return null
      throw e
    }
  }
  return {
    getFunction,
    waitActive: async (name) => {
      try {
        // Polls GetFunction every second until the function leaves Creating/Updating (5 minutes at most).
        await app.functions.waitFunctionActive(name)
      } catch {
        // It throws on CreateFailed; the status read below tells the caller what state the function is in.
      }
      return getFunction(name)
    },
    createFunction: async (f, description) => {
      await app.functions.createFunction({ func: { ...func(f, description), triggers: f.triggers }, functionRootPath, force: false })
    },
    updateCode: async (f) => {
      // isWaitInstall: return only once CloudBase has installed the dependencies and the function is Active again.
      await app.functions.updateFunctionCode({
        func: { name: f.name, runtime: f.runtime, installDependency: true, isWaitInstall: true },
        functionRootPath,
      })
    },
    updateConfig: async (f, description) => {
      await app.functions.updateFunctionConfig(func(f, description))
    },
    deleteTrigger: async (fn, t) => {
      await app.functions.deleteFunctionTrigger(fn, t)
    },
    createTriggers: async (fn, triggers) => {
      await app.functions.createFunctionTriggers(fn, triggers)
    },
    collectionExists: async (name) => (await app.database.checkCollectionExists(name)).Exists === true,
    createCollection: async (name) => {
      await app.database.createCollectionIfNotExists(name)
    },
    indexNames: async (name) => ((await app.database.describeCollection(name)).Indexes ?? []).map((i: { Name: string }) => i.Name),
    createIndexes: async (name, indexes) => {
      await app.database.updateCollection(name, {
        CreateIndexes: indexes.map((ix) => ({
          IndexName: ix.name,
          MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: ix.keys.map((k) => ({ Name: k.name, Direction: k.direction })) },
        })),
      })
    },
    getAcl: async (name) => {
      const r = await app.commonService().call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: name } })
      return typeof r?.AclTag === 'string' ? r.AclTag : null
    },
    setAcl: async (name, acl) => {
      await app.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: name, AclTag: acl } })
    },
    // Typed by manager-node's own StorageService: getStorageAcl() answers the AclType, setStorageAcl(acl) sets it.
    getStorageAcl: async () => {
      const acl: unknown = await (app.storage as StorageService).getStorageAcl()
      return typeof acl === 'string' ? acl : null
    },
    setStorageAcl: async (acl) => {
      await (app.storage as StorageService).setStorageAcl(acl)
    },
  }
}

/**
 * Uploads that installed but whose config step has not run yet, per environment, in a git-ignored file: written at
 * once, so a deploy killed or failed after an upload does not upload the same code again next time.
 */
function fileProgress(envId: string, file = resolve(process.env.GH_DEPLOY_PROGRESS ?? '.deploy-progress.json')): DeployProgress {
  const read = (): Record<string, Record<string, UploadRecord>> => {
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, UploadRecord>>) : {}
    } catch {
      return {}
    }
  }
  const write = (fn: string, r: UploadRecord | undefined) => {
    const all = read()
    const env = { ...all[envId] }
    if (r) env[fn] = r
    else delete env[fn]
    all[envId] = env
    writeFileSync(file, JSON.stringify(all, null, 2) + '\n')
  }
  return {
    get: (fn) => read()[envId]?.[fn],
    set: (fn, r) => write(fn, r),
    clear: (fn) => {
      if (read()[envId]?.[fn]) write(fn, undefined)
    },
  }
}

/** SCF reports a timer trigger's description as JSON `{"cron":"…"}`; compare the cron itself. */
function parseCron(desc: string): string {
  try {
    const v = JSON.parse(desc) as { cron?: string }
    return v.cron ?? desc
  } catch {
    return desc
  }
}

/**
 * A fresh environment gets its county (root org, 行政区划代码) from --county-name / --region-code; until the county
 * has an admin, every deploy ends with a fresh 激活码; afterwards admins invite everyone else.
 */
async function firstAdminCode(env: Record<string, string | undefined>, county: CountyOptions): Promise<void> {
  try {
    const store = await cloudStore(env)
    console.log(await setUpCounty(store, county))
    if ((await adminCount(store)) > 0) {
      console.log('已有管理员：其他工作人员由管理员在「工作台 → 邀请工作人员」邀请（需要新的激活码时运行 npm run admin-code -- --cloud）')
      return
    }
    console.log(formatIssued(await issueActivationCode(store)))
  } catch (e) {
    // The deploy itself succeeded; say why no code was printed and how to get one.
    console.error(
      `未生成激活码 / no activation code: ${e instanceof Error ? e.message : String(e)}\n之后可运行 npm run admin-code -- --cloud --county-name <本县总工会名称> --region-code <6 位行政区划代码>`,
    )
  }
}

async function main(argv: string[]): Promise<number> {
  const env = deployEnv()
  const dryRun = argv.includes('--dry-run')
  if (dryRun) {
    console.log(formatPlan(planFrom(env)))
    console.log(formatPrivacy())
    console.log('\n--dry-run: 未连接云端，未做任何改动 / nothing was contacted or changed')
    return 0
  }
  const check = argv.includes('--check')
  const need = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((k) => !env[k])
  if (need.length) {
    console.error(
      `${check ? '无法自检 / cannot check' : '无法部署 / cannot deploy'}: 缺少 ${need.join('、')}。在环境变量或 .env 中设置（见 .env.example）；先用 npm run deploy -- --dry-run 查看计划。`,
    )
    return 1
  }
  if (check) return runSelfCheck(env, planFrom(env))
  const refused = planFrom(env).problems
  if (refused.length) {
    console.error('无法部署 / cannot deploy, fix first:\n' + refused.map((p) => '  - ' + p).join('\n'))
    return 1
  }
  console.log('构建云函数 / building functions…')
  const built = spawnSync(process.execPath, ['scripts/build-functions.mjs'], { stdio: 'inherit' })
  if (built.status !== 0) {
    console.error('构建云函数失败 / function build failed: 见上方输出')
    return 1
  }
  const plan = planFrom(env)
  const missing = plan.functions.flatMap((f) => f.missing.map((m) => `${f.name}: ${m}`))
  if (missing.length) {
    console.error('无法部署 / cannot deploy, missing:\n' + [...new Set(missing)].map((m) => '  - ' + m).join('\n'))
    return 1
  }
  try {
    const envId = env.TCB_ENV_ID as string
    const changes = await applyPlan(
      plan,
      managerApi(envId, env.TCB_SECRET_ID as string, env.TCB_SECRET_KEY as string),
      console.log,
      fileProgress(envId),
    )
    console.log(changes ? `完成 / done: ${changes} 处改动` : '完成 / done: 云端已是最新，没有改动 (nothing to change)')
    console.log(['云调用授权（手工一步，做过则跳过）/ open-API grants:', ...permissionSteps(plan).steps.map((s) => '  ' + s)].join('\n'))
    console.log(formatPrivacy())
    await firstAdminCode(env, countyOptions(argv, env))
    return 0
  } catch (e) {
    if (e instanceof StepError) {
      console.error(
        `部署失败于「${e.step}」/ deploy failed at: ${e.cause instanceof Error ? e.cause.message : String(e.cause)}\n怎么办 / what to fix: ${e.hint}`,
      )
      return 1
    }
    console.error(`部署失败 / deploy failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
