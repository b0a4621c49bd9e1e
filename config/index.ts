import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import devConfig from './dev'
import { Es2019Plugin } from './es2019'
import { deployEnv, isRelease, longTermNoticeKeys, releaseSettings, subscribeTemplateIds } from './release'
import prodConfig from './prod'

export default defineConfig<'webpack5'>(async (merge) => {
  // A release build (npm run build:release) must name its CloudBase env and AppID; a local build needs neither.
  const release = isRelease() ? releaseSettings(deployEnv(path.resolve(__dirname, '..'))) : null
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gonghui-miniprogram',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // weapp and h5 builds must not overwrite each other: the gateway serves dist/h5, the IDE opens dist/weapp.
    // A watch build (npm run dev:h5) writes elsewhere: emptying dist/h5 would pull the app from under npm start.
    outputRoot: 'dist/' + process.env.TARO_ENV + (process.argv.includes('--watch') ? '-dev' : ''),
    // 关怀模式: every page's .wxml starts with page-meta so WeChat hands it the reader's text size.
    plugins: [path.resolve(__dirname, 'care/page-meta.js')],
    defineConstants: {
      // Empty (local builds) means the IDE's default environment (see initCloud in src/api/client.ts).
      CLOUD_ENV: JSON.stringify(release?.envId ?? ''),
      // notice key → subscribe-message template id (subscribe-templates.json); {} when none are configured.
      SUBSCRIBE_TEMPLATES: JSON.stringify(subscribeTemplateIds(deployEnv(path.resolve(__dirname, '..')), path.resolve(__dirname, '..'))),
      // notice keys whose template is a long-term subscription (政务民生 and a few other categories); [] when none.
      SUBSCRIBE_LONG_TERM: JSON.stringify(longTermNoticeKeys(deployEnv(path.resolve(__dirname, '..')), path.resolve(__dirname, '..'))),
      // The address prefix registered under 扫普通链接二维码打开小程序: station door QRs encode it (README 驿站 → 签到).
      STATION_QR_BASE: JSON.stringify((deployEnv(path.resolve(__dirname, '..')).WX_QR_BASE ?? '').trim()),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      webpackChain(chain) {
        chain.plugin('es2019').use(Es2019Plugin)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // 关怀模式: every font size follows the reader's text size (config/care/font-scale.js).
        './config/care/font-scale.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      devServer: { host: '127.0.0.1' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        './config/care/font-scale.js': { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
