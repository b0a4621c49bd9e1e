import postcss from 'postcss'
// The build plugins are CommonJS (Taro's postcss loader and plugin loader require them as they are).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontScale = require('../../config/care/font-scale.js')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pageMeta = require('../../config/care/page-meta.js')

const run = async (css: string) => (await postcss([fontScale()]).process(css, { from: undefined })).css

describe('关怀模式 font sizes (config/care/font-scale.js)', () => {
  test("an rpx size (weapp) grows by its share of the reader's extra text size; unchanged at standard size", async () => {
    expect(await run('.a{font-size:28rpx}')).toBe('.a{font-size:calc(28rpx + var(--font-grow, 0px) * 0.875)}')
  })

  test('H5 sizes, already turned into rem by pxtransform (1rem = 40rpx), grow the same as their rpx', async () => {
    expect(await run('.a{font-size:.7rem}')).toBe('.a{font-size:calc(.7rem + var(--font-grow, 0px) * 0.875)}')
  })

  test('titles and figures above 36rpx grow only as much as 36rpx text; !important is kept', async () => {
    expect(await run('.a{font-size:72rpx!important}')).toBe('.a{font-size:calc(72rpx + var(--font-grow, 0px) * 1.125)!important}')
  })

  test('relative and keyword sizes, and other properties, are left alone', async () => {
    const css = '.a{font-size:inherit}.b{font-size:1.2em}.c{line-height:28rpx}.d{font-size:0}'
    expect(await run(css)).toBe(css)
  })
})

describe('关怀模式 page-meta (config/care/page-meta.js)', () => {
  const page = '<import src="../../base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />'

  test('puts page-meta with the system font size as the first node of a page, once', () => {
    const out = pageMeta.withPageMeta(page)
    expect(out).toBe(
      '<import src="../../base.wxml"/>\n<page-meta root-font-size="system"></page-meta>\n<template is="taro_tmpl" data="{{root:root}}" />',
    )
    expect(pageMeta.withPageMeta(out)).toBe(out)
  })

  test('finds main-package and sub-package pages in app.json', () => {
    const app = JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'pkg/', pages: ['a/index'] }] })
    expect(pageMeta.pagesOf(app)).toEqual(['pages/home/index', 'pkg/a/index'])
  })
})

test("the weapp reads the reader's size as 1rem minus 16 px; upper-case PX keeps pxtransform from making it 16rpx", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scss: string = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../src/app.scss'), 'utf8')
  expect(scss).toMatch(/\/\* #ifdef weapp \*\/[\s\S]*--font-grow: calc\(1rem - 16PX\);[\s\S]*\/\* #endif \*\//)
})
