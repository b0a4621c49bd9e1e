// npm run admin-code [-- --cloud] [-- --data-dir <dir>] [-- --org <orgId>] [-- --county-name <name> --region-code <6 digits>]
// Prints a one-time 激活码 (8 characters, 7 days): the first person to enter it in 我的 → 工作人员激活 becomes
// admin of the county federation (the root org the county's settings name). A store with no county yet is set up
// first from --county-name and --region-code (or COUNTY_NAME / REGION_CODE). Without --cloud it writes to the
// local gateway's store (DATA_DIR or .data); with --cloud to the CloudBase environment of TCB_ENV_ID.
import { deployEnv } from '../../config/release'
import { ActivationError, adminCount, cloudStore, countyOptions, formatIssued, issueActivationCode, localStore, setUpCounty } from './activation'

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}

async function main(argv: string[]): Promise<number> {
  const env = deployEnv()
  const cloud = argv.includes('--cloud')
  const dataDir = option(argv, '--data-dir') ?? env.DATA_DIR ?? '.data'
  let store
  try {
    store = cloud ? await cloudStore(env) : await localStore(dataDir)
  } catch (e) {
    console.error(`无法连接数据库 / cannot open the store: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
  try {
    const county = await setUpCounty(store, countyOptions(argv, env))
    const admins = await adminCount(store)
    const issued = await issueActivationCode(store, new Date(), option(argv, '--org'))
    console.log(`${cloud ? `云端环境 ${env.TCB_ENV_ID}` : `本地数据 ${dataDir}`}：${county}；已有管理员 ${admins} 位`)
    console.log(formatIssued(issued))
    return 0
  } catch (e) {
    if (e instanceof ActivationError) console.error(`未生成激活码 / no code issued: ${e.message}`)
    else console.error(`生成激活码失败 / failed: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  } finally {
    await store.close?.()
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
