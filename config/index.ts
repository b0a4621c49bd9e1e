import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import webpack from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * zod's namespace exports (`z.locales`) are only tree-shaken when webpack concatenates modules, and Taro splits
 * subpackage code module by module, so every locale (≈300 KB) would ship. We use one locale; drop the rest, and
 * take the ESM build of zh-CN so zod's util module is not bundled twice (CJS and ESM).
 */
function slimZod(chain: { plugin: (name: string) => { use: (p: unknown, args: unknown[]) => unknown } }) {
  chain.plugin('zod-locales-stub').use(webpack.NormalModuleReplacementPlugin, [
    /^\.\.\/locales\/index\.js$/,
    (resource: { context: string; request: string }) => {
      if (/[\\/]node_modules[\\/]zod[\\/]/.test(resource.context)) resource.request = path.resolve(__dirname, 'stubs/zod-locales.js')
    },
  ])
  chain.plugin('zod-locale-esm').use(webpack.NormalModuleReplacementPlugin, [
    /^zod\/v4\/locales\/zh-CN\.cjs$/,
    (resource: { request: string }) => {
      resource.request = 'zod/v4/locales/zh-CN.js'
    },
  ])
}

export default defineConfig<'webpack5'>(async (merge) => {
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
    outputRoot: 'dist/' + process.env.TARO_ENV,
    plugins: [],
    defineConstants: {
      // Empty means "the environment the mini-program is bound to" (see src/api/cloud.ts).
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: slimZod,
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
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: slimZod,
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
