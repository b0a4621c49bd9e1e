import Taro from '@tarojs/taro'

/** A picked sheet as the server wants it: the file's own bytes, decoded there (GBK, UTF-8 or .xlsx). */
export type PickedFile = { ok: true; name: string; base64: string; size: number } | { ok: false; message: string } | { ok: false; cancelled: true }

export const MAX_FILE_BYTES = 2 * 1024 * 1024
export const ACCEPTED = ['xlsx', 'csv']
const TOO_LARGE = '文件过大（最多 2MB，约 1 万行），请分批导入'
const WRONG_TYPE = '请选择 Excel（.xlsx）或 CSV 文件；旧版 .xls 请先另存为 .xlsx'

export function acceptedName(name: string): boolean {
  return new RegExp(`\\.(${ACCEPTED.join('|')})$`, 'i').test(name)
}

/** weapp: spreadsheets usually arrive as chat attachments, which is what chooseMessageFile lists. */
export async function pickFileFromChat(): Promise<PickedFile> {
  let file: { path: string; name: string; size: number }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ACCEPTED })
    file = res.tempFiles[0]
  } catch {
    return { ok: false, cancelled: true }
  }
  if (!acceptedName(file.name)) return { ok: false, message: WRONG_TYPE }
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: TOO_LARGE }
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve({ ok: true, name: file.name, base64: String(r.data), size: file.size }),
      fail: () => resolve({ ok: false, message: '读取文件失败，请重新选择' }),
    })
  })
}

/** Bytes to base64 in slices: String.fromCharCode(...all) overflows the call stack on a 2 MB file. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

export async function readBrowserFile(file: File): Promise<PickedFile> {
  if (!acceptedName(file.name)) return { ok: false, message: WRONG_TYPE }
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: TOO_LARGE }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer())
    return { ok: true, name: file.name, base64: bytesToBase64(bytes), size: file.size }
  } catch {
    return { ok: false, message: '读取文件失败，请重新选择' }
  }
}

/** Data rows, not counting the header or blank lines; only used to tell people what they are about to import. */
export function countDataRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim()).length - 1)
}
