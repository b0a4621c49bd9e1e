// 关怀模式 in the weapp: WeChat gives a page the reader's 「字体大小」 only through <page-meta root-font-size="system">
// (base library 2.11.0+; 1rem is then the reader's text size), and page-meta must be the page's first node. Taro
// writes every page's .wxml itself, so this build plugin puts it there for all pages at once; src/app.scss turns
// the rem into --font-grow.
const PAGE_META = '<page-meta root-font-size="system"></page-meta>'

function withPageMeta(wxml) {
  if (wxml.includes('<page-meta')) return wxml
  // The page template: `<import src="…base.wxml"/>` then `<template is="taro_tmpl" …/>`; page-meta goes between.
  return wxml.replace(/(<import src="[^"]*base\.wxml"\s*\/>)/, `$1\n${PAGE_META}`)
}

function pagesOf(appJson) {
  const app = JSON.parse(appJson)
  const subs = [...(app.subPackages || []), ...(app.subpackages || [])]
  return [...(app.pages || []), ...subs.flatMap((s) => (s.pages || []).map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

module.exports = (ctx) => {
  ctx.modifyBuildAssets(({ assets }) => {
    if (process.env.TARO_ENV !== 'weapp' || !assets['app.json']) return
    const { RawSource } = require('webpack').sources
    for (const page of pagesOf(assets['app.json'].source().toString())) {
      const key = `${page}.wxml`
      if (!assets[key]) throw new Error(`关怀模式: ${key} was not built`)
      assets[key] = new RawSource(withPageMeta(assets[key].source().toString()))
    }
  })
}
module.exports.withPageMeta = withPageMeta
module.exports.pagesOf = pagesOf
