// The view layer's half: WeChat's own WXML compiler (wcc, from miniprogram-compiler) turns every .wxml into
// $gwx; a page's data rendered through it gives the element tree a phone would draw. Taro's base.wxml hands
// deep subtrees to its `comp` component, which is rendered in turn with the properties it was given.
import compiler from 'miniprogram-compiler'
import { existsSync } from 'node:fs'
import { posix } from 'node:path'
import vm from 'node:vm'

export function compileWxml(dir) {
  const code = compiler.wxmlToJs(dir, { maxBuffer: 256 * 1024 * 1024 })
  const warnings = []
  const ctx = vm.createContext({
    console: {
      log: () => undefined,
      info: () => undefined,
      warn: (...a) => warnings.push(a.map(String).join(' ')),
      error: (...a) => warnings.push(a.map(String).join(' ')),
    },
  })
  ctx.window = ctx
  ctx.__wxAppCode__ = {}
  const gwx = vm.runInContext(`(function(){${code}\n})()`, ctx, { filename: 'wcc-output.js' })
  // wcc's runtime tests `o.constructor === Object`: data must be made in its own realm, or WXS calls see null.
  const json = vm.runInContext('JSON', ctx)
  return { gwx, warnings, adopt: (data) => json.parse(JSON.stringify(data)) }
}

/**
 * Renders a page's data. Returns the tree, element count, loading marks, local images that do not exist,
 * tappable element ids and WXML runtime warnings.
 */
export function renderPage({ gwx, warnings, adopt }, dir, route, data) {
  const before = warnings.length
  const main = gwx(`${route}.wxml`)
  if (typeof main !== 'function') return { error: `no compiled WXML for ${route}` }
  const result = { elements: 0, loading: [], missingImages: [], taps: [], text: [], warnings: [] }
  const walk = (node, depth) => {
    if (depth > 200) return
    if (typeof node === 'string') {
      if (node.trim()) result.text.push(node)
      return
    }
    if (!node || typeof node !== 'object') return
    const tag = node.tag ?? ''
    if (tag === 'wx-comp' || tag === 'comp') {
      // Taro's recursive component: render comp.wxml with its properties `i` and `l`.
      const comp = gwx('comp.wxml')
      const sub = comp({ i: node.attr?.i, l: node.attr?.l }, {}, {})
      for (const c of sub.children ?? []) walk(c, depth + 1)
      return
    }
    if (tag.startsWith('wx-') && tag !== 'wx-page') {
      result.elements++
      const attr = node.attr ?? {}
      const cls = String(attr.class ?? '')
      if (/state-view--loading/.test(cls)) result.loading.push(cls)
      // `/api/files/…` is a signed link the local gateway serves (the cloud answers https links there): a network
      // image, like https, not a file the package must contain.
      if (tag === 'wx-image' && typeof attr.src === 'string' && attr.src && !/^(https?:|data:|wxfile:|cloud:|\/api\/files\/)/.test(attr.src)) {
        const file = attr.src.startsWith('/') ? attr.src.slice(1) : posix.normalize(posix.join(posix.dirname(route), attr.src))
        if (!existsSync(posix.join(dir, file))) result.missingImages.push(attr.src)
      }
      if (attr.bindtap === 'eh' || attr.catchtap === 'eh') result.taps.push({ id: attr.id, sid: attr['data-sid'] ?? attr.id, tag })
    }
    for (const c of node.children ?? []) walk(c, depth + 1)
  }
  try {
    walk(main(adopt(data), {}, {}), 0)
  } catch (e) {
    result.warnings.push(`render failed: ${e?.message ?? e}`)
  }
  result.warnings.push(...warnings.slice(before))
  const text = result.text.join('')
  if (/正在加载/.test(text) && result.loading.length === 0) result.loading.push('正在加载')
  return result
}
