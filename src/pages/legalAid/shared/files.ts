import Taro from '@tarojs/taro'
import { call } from '@/api/client'
import { FILE_TYPES, MAX_FILE_BYTES, type FileInfo, type FileType } from '@/contracts/legalAid/schemas'

export interface Picked {
  name: string
  type: FileType
  size: number
  base64: string
}

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

function readBase64(path: string, file?: File): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const go = (blob: Blob) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
        reader.onerror = reject
        reader.readAsDataURL(blob)
      }
      if (file) go(file)
      else
        fetch(path)
          .then((r) => r.blob())
          .then(go, reject)
    })
  }
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, encoding: 'base64', success: (r) => resolve(String(r.data)), fail: reject }),
  )
}

/** Photos from the album or camera, compressed by the platform; the server checks type and size again. */
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
    else files.push({ name, type, size: f.size, base64: await readBase64(f.path, original) })
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
  return { name: file.name, type: 'application/pdf', size: file.size, base64: await readBase64(file.path) }
}

export async function uploadPicked(p: Picked, caseId?: string) {
  return call('legalAid', 'upload', { caseId, name: p.name, type: p.type, size: p.size, base64: p.base64 })
}

/**
 * Opens an evidence file: the server issues a 5-minute token bound to this reader, and the bytes come back for
 * that token only (the gateway cannot serve files, so no URL is handed out). Photos open in the previewer.
 */
export async function openFile(file: FileInfo): Promise<string | null> {
  Taro.showLoading({ title: '正在打开' })
  const link = await call('legalAid', 'fileLink', { fileId: file.id })
  const data = link.ok ? await call('legalAid', 'fileData', { token: link.data.token }) : link
  Taro.hideLoading()
  if (!data.ok) return data.error.message
  if (process.env.TARO_ENV === 'h5') {
    const url = `data:${data.data.type};base64,${data.data.base64}`
    if (data.data.type.startsWith('image/')) void Taro.previewImage({ urls: [url], current: url })
    else window.open(url)
    return null
  }
  const path = `${Taro.env.USER_DATA_PATH}/${file.id}${data.data.type === 'application/pdf' ? '.pdf' : '.img'}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath: path, data: data.data.base64, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
  if (data.data.type.startsWith('image/')) await Taro.previewImage({ urls: [path] })
  else await Taro.openDocument({ filePath: path, fileType: 'pdf' })
  return null
}
