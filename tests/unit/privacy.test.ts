import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatPrivacy, PRIVACY_CATALOGUE, privacyUses, PURPOSES } from '../../scripts/tools/privacy'

describe('用户隐私保护指引 from the code', () => {
  const uses = privacyUses('src')

  it('every privacy API the weapp code calls has a purpose written down; none is listed that the code no longer calls', () => {
    expect(uses.filter((u) => !u.purpose).map((u) => `${u.api} (${u.files.join(', ')})`)).toEqual([])
    expect(Object.keys(PURPOSES).filter((api) => !uses.some((u) => u.api === api))).toEqual([])
  })

  it('finds what the review found missing: photos, files, clipboard, chosen location, location, phone number', () => {
    const items = new Set(uses.map((u) => u.item))
    for (const item of ['选中的照片或视频', '选中的文件', '剪切板', '选择的位置信息', '位置信息', '手机号']) expect(items).toContain(item)
    const text = formatPrivacy(uses)
    expect(text).toContain('选中的文件：导入表格')
    expect(text).toMatch(/须声明 \d+ 项/)
  })

  it('a new call to a privacy API is caught, an H5-only file is not, and a plain API is no privacy API', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-privacy-'))
    mkdirSync(join(dir, 'pages'))
    writeFileSync(join(dir, 'pages', 'a.tsx'), "await Taro.chooseAddress()\nTaro.showToast({title: 'x'})\n<Button openType='chooseAvatar' />")
    writeFileSync(join(dir, 'pages', 'b.h5.tsx'), 'await Taro.getClipboardData()')
    const found = privacyUses(dir)
    expect(found.map((u) => u.api).sort()).toEqual(['button:chooseAvatar', 'chooseAddress'])
    expect(found.every((u) => !u.purpose)).toBe(true)
    expect(PRIVACY_CATALOGUE.showToast).toBeUndefined()
  })
})
