import { transformSync } from 'esbuild'
import type { Compiler } from 'webpack'

/**
 * WeChat runs the mini program on the phone's own JavaScript engine (JavaScriptCore on iOS) and can polyfill
 * APIs but not syntax: on iOS < 13.4 one `??` or `?.` anywhere in a package is a white screen. Babel only sees
 * our sources, while zod, React and Taro's runtime in node_modules ship modern syntax too, so this lowers every
 * emitted .js file to ES2019 after bundling and before minification (webpack's "optimize compatibility" stage).
 * esbuild: already a dev dependency (it bundles the cloud functions), lowers `??`, `?.`, class fields and logical
 * assignment in milliseconds per chunk. `scripts/check-es2019.mjs` proves the output parses as ES2019.
 */
export class Es2019Plugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('Es2019Plugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'Es2019Plugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.js')) continue
          const code = compilation.getAsset(name)?.source.source().toString() ?? ''
          try {
            const out = transformSync(code, { loader: 'js', target: 'es2019', format: undefined, legalComments: 'none', charset: 'utf8' })
            compilation.updateAsset(name, new sources.RawSource(out.code))
          } catch (e) {
            compilation.errors.push(
              new compiler.webpack.WebpackError(`ES2019 lowering failed for ${name}: ${e instanceof Error ? e.message : String(e)}`),
            )
          }
        }
      })
    })
  }
}
