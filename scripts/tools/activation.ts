// The one place that issues a 激活码: `npm run admin-code` (local store or --cloud) and `npm run deploy`
// (after a deploy, when the county has no admin yet) both come here, so the code is made and stored one way.
import { join, resolve } from 'node:path'
import { countyOrg, createActivationCode, formatCode } from '../../cloudfunctions/account/codes'
import { ROLE_GRANTS } from '../../cloudfunctions/account/grants'
import { CountySetupError, ensureCounty } from '../../cloudfunctions/orgs/setup'
import type { OrgDoc } from '../../cloudfunctions/_core/auth'
import type { Store } from '../../cloudfunctions/_core/store/port'
import { beijingDateTime } from '../../src/contracts/time'

export class ActivationError extends Error {}

interface Issued {
  code: string
  expiresAt: Date
  org: OrgDoc
}

/** --county-name / --region-code (or COUNTY_NAME / REGION_CODE): what a fresh environment's county is. */
export interface CountyOptions {
  name?: string
  regionCode?: string
}

export function countyOptions(argv: string[], env: Record<string, string | undefined>): CountyOptions {
  const option = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  return { name: option('--county-name') ?? env.COUNTY_NAME, regionCode: option('--region-code') ?? env.REGION_CODE }
}

/**
 * Sets the county up when the store has none yet (the root org and the settings naming it and its 行政区划代码),
 * then says what it found or did; the first admin builds the rest of the tree in the 工作台.
 */
export async function setUpCounty(store: Store, opts: CountyOptions, now = new Date()): Promise<string> {
  try {
    const { settings, did } = await ensureCounty(store, opts, now)
    const what = { existing: '本县已设置', adopted: '已设置本县（沿用 orgs 中已有的总工会）', created: '已创建本县总工会并完成设置' }[did]
    return `${what}：${settings.name}（${settings.orgId}），行政区划代码 ${settings.regionCode}`
  } catch (e) {
    if (e instanceof CountySetupError) throw new ActivationError(e.message)
    throw e
  }
}

/** Writes a new one-time code for the county federation (or `orgId`) and returns it in clear. */
export async function issueActivationCode(store: Store, now = new Date(), orgId?: string): Promise<Issued> {
  const org = orgId ? await store.get<OrgDoc>('orgs', orgId) : await countyOrg(store)
  if (!org) {
    throw new ActivationError(
      orgId
        ? `组织「${orgId}」不在 orgs 集合中 / org not found: 先在工作台「组织架构」中添加，或改正 --org`
        : '本县尚未设置 / county not set up: 加上 --county-name <本县总工会名称> --region-code <6 位行政区划代码> 运行',
    )
  }
  const { code, expiresAt } = await createActivationCode(store, org._id, now)
  return { code, expiresAt, org }
}

/** How many admins the store holds (from the grant index the account function keeps). */
export async function adminCount(store: Store): Promise<number> {
  return store.count(ROLE_GRANTS, { role: 'admin' })
}

/** Beijing time, whatever the machine's time zone. */
export function beijing(d: Date): string {
  return beijingDateTime(d)
}

export function formatIssued({ code, expiresAt, org }: Issued): string {
  return [
    '',
    `  一次性激活码 / one-time activation code:  ${formatCode(code)}`,
    `  所属工会：${org.name}（${org._id}）`,
    `  有效期至：${beijing(expiresAt)}（北京时间，7 天）`,
    '',
    '  第一位管理员在小程序「我的 → 工作人员激活」输入此码即成为管理员；只能用一次。',
    '  激活码只在此处显示一次，数据库中只存它的哈希。遗失或过期可再运行 npm run admin-code 重新生成。',
    '',
  ].join('\n')
}

/** The local gateway's SQLite file (DATA_DIR, default .data). */
export async function localStore(dataDir: string): Promise<Store> {
  const { SqliteStore } = await import('../../cloudfunctions/_core/store/sqlite')
  const { STORE_INDEXES } = await import('../../cloudfunctions/_local/registry')
  return new SqliteStore({ file: join(resolve(dataDir), 'gonghui.db'), indexes: STORE_INDEXES })
}

/** The CloudBase database of TCB_ENV_ID, with the API key deploy uses. */
export async function cloudStore(env: Record<string, string | undefined>): Promise<Store> {
  const need = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((k) => !env[k])
  if (need.length) throw new ActivationError(`缺少 ${need.join('、')} / missing: 在环境变量或 .env 中设置（见 .env.example）`)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk')
  const { CloudBaseStore } = await import('../../cloudfunctions/_core/store/cloudbase')
  const app = tcb.init({ env: env.TCB_ENV_ID as string, secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY })
  return new CloudBaseStore(app.database() as never)
}
