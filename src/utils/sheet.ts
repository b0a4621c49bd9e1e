import Taro from '@tarojs/taro'
import { uploadFile, type LocalFile } from './upload'

/** A spreadsheet in storage: its id serves every later call (预览, then 确认导入) without uploading it again. */
type UploadedSheet = { ok: true; name: string; fileId: string } | { ok: false; message: string }

/** weapp: spreadsheets usually arrive as chat attachments, which is what chooseMessageFile lists. Null when cancelled. */
export async function chooseSheetFromChat(extensions: string[]): Promise<LocalFile | null> {
  try {
    const f = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })).tempFiles[0]
    return { name: f.name, size: f.size, path: f.path }
  } catch {
    return null
  }
}

/** H5: what an `<input type=file>` gave. */
export function browserSheet(file: File): LocalFile {
  return { name: file.name, size: file.size, blob: file }
}

export async function uploadSheet(file: LocalFile): Promise<UploadedSheet> {
  const res = await uploadFile('sheet', file)
  if (res.ok) return { ok: true, name: file.name, fileId: res.data.fileId }
  return { ok: false, message: res.error.fields?.[0]?.message ?? res.error.message }
}
