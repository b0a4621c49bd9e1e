// npm run build:release: the production weapp build. Refuses to start without TCB_ENV_ID and WX_APPID (from the
// environment or .env) and says what to set; then runs `taro build --type weapp` with GH_RELEASE=1, which
// config/index.ts turns into the cloud env id and leaves the local-only pages out. Afterwards it writes
// dist/project.config.json (the real AppID) and dist/weapp/sitemap.json, and prints the lowest 基础库 the code needs
// and what to declare in 用户隐私保护指引, both derived from the code.
import { spawnSync } from 'node:child_process'
import { deployEnv, releaseSettings, ReleaseConfigError } from '../../config/release'
import { formatPrivacy } from './privacy'
import { writeReleaseFiles } from './release-files'

function buildRelease(): number {
  const env = deployEnv()
  let settings
  try {
    settings = releaseSettings(env)
  } catch (e) {
    if (e instanceof ReleaseConfigError) {
      console.error(e.message)
      return 1
    }
    throw e
  }
  console.log(`正式版构建 / release build: 云环境 ${settings.envId}，AppID ${settings.appId}`)
  const taro = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    stdio: 'inherit',
    env: { ...process.env, ...env, NODE_ENV: 'production', GH_RELEASE: '1', TCB_ENV_ID: settings.envId, WX_APPID: settings.appId },
  })
  if (taro.status !== 0) return taro.status ?? 1
  const { libVersion, because } = writeReleaseFiles(settings.appId)
  console.log(`已写入 dist/project.config.json（AppID ${settings.appId}；微信开发者工具打开 dist/ 目录）和 dist/weapp/sitemap.json`)
  console.log(
    `基础库最低版本 / minimum base library: ${libVersion}（${because} 需要）。在微信公众平台 → 设置 → 基本设置 → 基础库最低版本设置 中设为 ${libVersion}。`,
  )
  console.log(formatPrivacy())
  return 0
}

process.exitCode = buildRelease()
