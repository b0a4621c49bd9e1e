// What the mini program must declare in 用户隐私保护指引 (微信公众平台 → 设置 → 服务内容声明), derived from what the
// code calls: WeChat blocks an undeclared privacy API at run time (errno 112). The scan reads the weapp sources (not
// the *.h5.* variants, which never reach WeChat); the catalogue is WeChat's list of privacy APIs with the guide's
// item each one falls under; PURPOSES says why this app uses each one. tests/unit/privacy.test.ts fails when the code
// calls a privacy API that has no purpose here, so the printed list cannot fall behind the code.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** WeChat's privacy APIs (小程序用户隐私保护指引 → 涉及的接口) → the guide's item. Button open-types as `button:<type>`. */
export const PRIVACY_CATALOGUE: Record<string, string> = {
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  chooseLocation: '选择的位置信息',
  choosePoi: '选择的位置信息',
  chooseAddress: '地址',
  chooseInvoiceTitle: '发票信息',
  chooseInvoice: '发票信息',
  getWeRunData: '微信运动步数',
  chooseLicensePlate: '车牌号',
  chooseImage: '选中的照片或视频',
  chooseMedia: '选中的照片或视频',
  chooseVideo: '选中的照片或视频',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  saveVideoToPhotosAlbum: '相册（仅写入）权限',
  chooseMessageFile: '选中的文件',
  setClipboardData: '剪切板',
  getClipboardData: '剪切板',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  joinVoIPChat: '麦克风',
  createCameraContext: '摄像头',
  'component:Camera': '摄像头',
  openBluetoothAdapter: '蓝牙',
  createBLEPeripheralServer: '蓝牙',
  getUserProfile: '用户信息（微信昵称、头像）',
  'button:chooseAvatar': '用户信息（微信昵称、头像）',
  addPhoneContact: '通讯录（仅写入）权限',
  chooseContact: '通讯录',
  'button:getPhoneNumber': '手机号',
  'button:getRealtimePhoneNumber': '手机号',
}

/** Why this app uses each privacy API it calls: the 用途 the guide asks for, in plain words. */
export const PURPOSES: Record<string, string> = {
  getLocation: '查找离您最近的户外劳动者驿站',
  chooseLocation: '驿站站长在地图上标出驿站位置',
  chooseImage: '法律援助申请上传证据照片',
  chooseMedia: '驿站站长上传驿站照片',
  chooseMessageFile: '导入表格（组织架构、驿站、题目）和上传 PDF 证据',
  setClipboardData: '复制邀请码、会员卡号',
  saveImageToPhotosAlbum: '把答题证书图片保存到手机相册',
  'button:getPhoneNumber': '入会申请、会员认证和更换手机号时验证手机号',
}

interface PrivacyUse {
  api: string
  item: string
  purpose: string | undefined
  files: string[]
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(ts|tsx)$/.test(n) && !/\.h5\.(ts|tsx)$/.test(n) ? [p] : []
  })
}

/** Every privacy API the weapp code calls (Taro.x / wx.x, a Button's openType, the Camera component), with where. */
export function privacyUses(root = 'src'): PrivacyUse[] {
  const found = new Map<string, Set<string>>()
  const add = (api: string, file: string) => {
    if (!(api in PRIVACY_CATALOGUE)) return
    if (!found.has(api)) found.set(api, new Set())
    found.get(api)?.add(relative(process.cwd(), file))
  }
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/\b(?:Taro|wx)\s*\.\s*([a-zA-Z]+)\b/g)) add(m[1], file)
    for (const m of text.matchAll(/openType\s*=\s*\{?\s*['"]([a-zA-Z]+)['"]/g)) add(`button:${m[1]}`, file)
    if (/<Camera\b/.test(text)) add('component:Camera', file)
  }
  return [...found]
    .map(([api, files]) => ({ api, item: PRIVACY_CATALOGUE[api], purpose: PURPOSES[api], files: [...files].sort() }))
    .sort((a, b) => a.item.localeCompare(b.item, 'zh') || a.api.localeCompare(b.api))
}

/** The lines to copy into 用户隐私保护指引: one per guide item, with the APIs behind it and what for. */
export function formatPrivacy(uses: PrivacyUse[] = privacyUses()): string {
  const byItem = new Map<string, PrivacyUse[]>()
  for (const u of uses) byItem.set(u.item, [...(byItem.get(u.item) ?? []), u])
  const lines = [`用户隐私保护指引须声明 ${byItem.size} 项（微信公众平台 → 设置 → 服务内容声明 → 用户隐私保护指引；由代码调用的接口得出）:`]
  for (const [item, list] of byItem)
    lines.push(
      `  - ${item}：${list.map((u) => u.purpose ?? '（未写用途）').join('；')}（${list.map((u) => u.api.replace(/^(button|component):/, '')).join('、')}）`,
    )
  lines.push(
    '  另在「收集的信息」中写明：姓名、身份证号、手机号、民族、学历、政治面貌、工作单位、户籍类型、子女信息（托管，监护人同意后）及各自用途。',
  )
  return lines.join('\n')
}
