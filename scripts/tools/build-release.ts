// npm run build:release: the production weapp build. Refuses to start without TCB_ENV_ID and WX_APPID (from the
// environment or .env) and says what to set; then runs `taro build --type weapp` with GH_RELEASE=1, which
// config/index.ts turns into the cloud env id and leaves the local-only pages out.
import { spawnSync } from 'node:child_process'
import { deployEnv, releaseSettings, ReleaseConfigError } from '../../config/release'

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
  return taro.status ?? 1
}

process.exitCode = buildRelease()
