import Taro from '@tarojs/taro'

export type PickedFile = { ok: true; name: string; text: string } | { ok: false; message: string } | { ok: false; cancelled: true }

/** weapp: CSV files usually arrive as chat attachments, which is what chooseMessageFile lists. */
export async function pickCsvFromChat(): Promise<PickedFile> {
  let file: { path: string; name: string }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] })
    file = res.tempFiles[0]
  } catch {
    return { ok: false, cancelled: true }
  }
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (r) => resolve({ ok: true, name: file.name, text: String(r.data) }),
      fail: () => resolve({ ok: false, message: '读取文件失败，请确认是 UTF-8 编码的 CSV 文件' }),
    })
  })
}

export function readBrowserFile(file: File): Promise<PickedFile> {
  return new Promise((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve({ ok: true, name: file.name, text: String(reader.result ?? '') })
    reader.onerror = () => resolve({ ok: false, message: '读取文件失败，请确认是 UTF-8 编码的 CSV 文件' })
    reader.readAsText(file, 'utf-8')
  })
}

/** Data rows, not counting the header or blank lines; only used to tell people what they are about to import. */
export function countDataRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim()).length - 1)
}
