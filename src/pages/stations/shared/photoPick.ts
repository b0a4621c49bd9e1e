import Taro from '@tarojs/taro'
import { fileExt, uploadProblem } from '@/contracts/files'
import type { LocalFile } from '@/utils/upload'

/**
 * Photos are made small on the phone before they travel: a station photo is looked at on a phone screen, and
 * couriers open the detail page on mobile data. Above this size a photo is compressed again.
 */
const COMPRESS_ABOVE = 500 * 1024
/** Browser: the long side after drawing to a canvas, and the JPEG quality. */
const MAX_SIDE = 1600
const QUALITY = 0.8

export type Picked = { ok: true; file: LocalFile } | { ok: false; problem: string }

/** The type half of uploadProblem, asked of what was picked: the size only counts once compressed. */
function typeProblem(name: string): string | null {
  return uploadProblem('stationPhoto', name, 1)
}

function fileSize(filePath: string): Promise<number | null> {
  return new Promise((resolve) => Taro.getFileSystemManager().getFileInfo({ filePath, success: (r) => resolve(r.size), fail: () => resolve(null) }))
}

async function shrinkInWeChat(f: { tempFilePath: string; size: number }): Promise<Picked> {
  const name = `照片.${fileExt(f.tempFilePath) || 'jpg'}`
  const wrong = typeProblem(name)
  if (wrong) return { ok: false, problem: wrong }
  if (f.size <= COMPRESS_ABOVE) return { ok: true, file: { name, size: f.size, path: f.tempFilePath } }
  try {
    const { tempFilePath } = await Taro.compressImage({ src: f.tempFilePath, quality: 70 })
    const size = await fileSize(tempFilePath)
    // Compression that could not be measured is not trusted: the original goes, and its size is checked.
    if (size) return { ok: true, file: { name: `照片.${fileExt(tempFilePath) || 'jpg'}`, size, path: tempFilePath } }
  } catch {
    // Some phones refuse to compress certain images; the original is tried instead.
  }
  return { ok: true, file: { name, size: f.size, path: f.tempFilePath } }
}

/** WeChat: album or camera, already compressed by WeChat (sizeType), then again when still large. Null: closed. */
export async function pickInWeChat(count: number): Promise<Picked[] | null> {
  let files: Array<{ tempFilePath: string; size: number }>
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    files = res.tempFiles
  } catch {
    return null
  }
  const out: Picked[] = []
  // One at a time: several full-size photos decoded at once can run an older phone out of memory.
  for (const f of files) out.push(await shrinkInWeChat(f))
  return out
}

function loadImage(url: string): Promise<HTMLImageElement> {
  const img = new Image()
  img.src = url
  return img.decode().then(() => img)
}

/** Browser: redrawn on a canvas at most MAX_SIDE on its long side, as JPEG; a small photo goes as it is. */
export async function shrinkInBrowser(file: File): Promise<Picked> {
  const wrong = typeProblem(file.name)
  if (wrong) return { ok: false, problem: wrong }
  const url = URL.createObjectURL(file)
  try {
    const img = await loadImage(url)
    const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
    if (scale === 1 && file.size <= COMPRESS_ABOVE) return { ok: true, file: { name: `照片.${fileExt(file.name)}`, size: file.size, blob: file } }
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    const g = canvas.getContext('2d')
    if (!g) return { ok: false, problem: '浏览器无法处理照片，请换个浏览器重试' }
    // JPEG has no transparency: a PNG's transparent parts would turn black.
    g.fillStyle = '#fff'
    g.fillRect(0, 0, canvas.width, canvas.height)
    g.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY))
    if (!blob) return { ok: false, problem: '照片处理失败，请换一张' }
    return { ok: true, file: { name: '照片.jpg', size: blob.size, blob } }
  } catch {
    return { ok: false, problem: '无法读取这张照片，请换一张（支持 JPG、PNG、WebP）' }
  } finally {
    URL.revokeObjectURL(url)
  }
}
