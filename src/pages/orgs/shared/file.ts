import Taro from '@tarojs/taro'

/** A picked workbook as the server wants it: the file's own bytes, read there (see cloudfunctions/orgs/import). */
export type PickedFile = { ok: true; name: string; base64: string } | { ok: false; message: string } | { ok: false; cancelled: true }

const MAX_FILE_BYTES = 2 * 1024 * 1024
const TOO_LARGE = '文件过大（最多 2MB），请分批导入'
const WRONG_TYPE = '请选择 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx'

const isXlsx = (name: string) => /\.xlsx$/i.test(name)

/** weapp: spreadsheets usually arrive as chat attachments, which is what chooseMessageFile lists. */
export async function pickFromChat(): Promise<PickedFile> {
  let file: { path: string; name: string; size: number }
  try {
    file = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })).tempFiles[0]
  } catch {
    return { ok: false, cancelled: true }
  }
  if (!isXlsx(file.name)) return { ok: false, message: WRONG_TYPE }
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: TOO_LARGE }
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve({ ok: true, name: file.name, base64: String(r.data) }),
      fail: () => resolve({ ok: false, message: '读取文件失败，请重新选择' }),
    })
  })
}

/** Bytes to base64 in slices: String.fromCharCode(...all) overflows the call stack on a 2 MB file. */
function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

export async function readBrowserFile(file: File): Promise<PickedFile> {
  if (!isXlsx(file.name)) return { ok: false, message: WRONG_TYPE }
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: TOO_LARGE }
  try {
    return { ok: true, name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) }
  } catch {
    return { ok: false, message: '读取文件失败，请重新选择' }
  }
}
