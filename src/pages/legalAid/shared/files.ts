import Taro from '@tarojs/taro'
import { call } from '@/api/client'
import { FILE_TYPES, MAX_FILE_BYTES, type FileInfo, type FileType } from '@/contracts/legalAid/schemas'
import { uploadFile, type LocalFile } from '@/utils/upload'

/** A picked file, not yet uploaded: a temp path in WeChat, the File itself in the browser. */
export type Picked = LocalFile

function typeOf(name: string, declared?: string): FileType | null {
  if (declared && (FILE_TYPES as readonly string[]).includes(declared)) return declared as FileType
  const ext = name.toLowerCase().split('.').pop()
  return ext === 'jpg' || ext === 'jpeg'
    ? 'image/jpeg'
    : ext === 'png'
      ? 'image/png'
      : ext === 'webp'
        ? 'image/webp'
        : ext === 'pdf'
          ? 'application/pdf'
          : null
}

/** Photos from the album or camera, compressed by the platform; the server checks the real type and size again. */
export async function pickPhotos(max: number): Promise<{ files: Picked[]; refused: string[] }> {
  let res: Taro.chooseImage.SuccessCallbackResult
  try {
    res = await Taro.chooseImage({ count: Math.max(1, Math.min(9, max)), sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return { files: [], refused: [] }
  }
  const files: Picked[] = []
  const refused: string[] = []
  for (const f of res.tempFiles) {
    const original = (f as { originalFileObj?: File }).originalFileObj
    const name = original?.name ?? f.path.split('/').pop() ?? '照片.jpg'
    const type = typeOf(name, original?.type ?? (f as { type?: string }).type)
    if (!type) refused.push(`${name}：只能上传 JPG、PNG、WebP 图片或 PDF`)
    else if (f.size > MAX_FILE_BYTES) refused.push(`${name}：超过 5 MB`)
    else files.push({ name, size: f.size, path: f.path, blob: original })
  }
  return { files, refused }
}

/** weapp only: PDFs usually arrive as chat attachments. */
export async function pickPdf(): Promise<Picked | { error: string } | null> {
  let file: { path: string; name: string; size: number }
  try {
    file = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })).tempFiles[0]
  } catch {
    return null
  }
  if (file.size > MAX_FILE_BYTES) return { error: `${file.name}：超过 5 MB` }
  return { name: file.name, size: file.size, path: file.path }
}

/** Into the caller's own storage folder first; the server then checks it and copies it to where evidence is kept. */
export async function uploadPicked(p: Picked, caseId?: string, docItem?: number) {
  const up = await uploadFile('evidence', p)
  if (!up.ok) return up
  return call('legalAid', 'upload', { caseId, docItem, name: p.name, fileId: up.data.fileId })
}

/**
 * Opens an evidence file: the server issues a 5-minute token bound to this reader, and for that token only a
 * storage link that lives two minutes. Photos open in the previewer, PDFs in the document viewer.
 */
export async function openFile(file: FileInfo): Promise<string | null> {
  Taro.showLoading({ title: '正在打开' })
  const link = await call('legalAid', 'fileLink', { fileId: file.id })
  const data = link.ok ? await call('legalAid', 'fileData', { token: link.data.token }) : link
  if (!data.ok) {
    Taro.hideLoading()
    return data.error.message
  }
  const { url, type } = data.data
  if (process.env.TARO_ENV === 'h5') {
    Taro.hideLoading()
    if (type.startsWith('image/')) void Taro.previewImage({ urls: [url], current: url }).catch(() => undefined)
    else window.open(url)
    return null
  }
  // WeChat reads the link into a temp file first (its host is a downloadFile 合法域名), then shows that.
  let path: string
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
    path = res.tempFilePath
  } catch {
    Taro.hideLoading()
    return '下载文件失败，请检查网络后重新打开'
  }
  Taro.hideLoading()
  try {
    if (type.startsWith('image/')) await Taro.previewImage({ urls: [path] })
    else await Taro.openDocument({ filePath: path, fileType: 'pdf' })
  } catch {
    return '无法打开这个文件，请稍后再试'
  }
  return null
}
