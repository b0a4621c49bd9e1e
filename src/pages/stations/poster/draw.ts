import Taro from '@tarojs/taro'
import type { StationPoster } from '@/contracts/stations/visits'
import { jpegToPdf } from './pdf'

/** A4 at 150 dpi: prints sharp on an office printer and stays under 200 KB as PNG. */
const POSTER_W = 1240
const POSTER_H = 1754
const RED = '#C8102E'
const FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'

type Ctx2D = CanvasRenderingContext2D

/** Splits a name into lines that fit `width` at the current font (Chinese wraps anywhere). */
function wrap(ctx: Ctx2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines
}

/** Draws the door poster: who it is for, the station's name, the QR to 签到, and the 12351 hotline. */
function drawPoster(ctx: Ctx2D, p: StationPoster, qr: CanvasImageSource): void {
  const cx = POSTER_W / 2
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, POSTER_W, POSTER_H)
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, POSTER_W, 260)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = '#FFFFFF'
  ctx.font = `bold 96px ${FONT}`
  ctx.fillText('户外劳动者驿站', cx, 130)

  ctx.fillStyle = '#1F2329'
  ctx.font = `bold 76px ${FONT}`
  const lines = wrap(ctx, p.name, POSTER_W - 160).slice(0, 2)
  lines.forEach((l, i) => ctx.fillText(l, cx, 360 + i * 96))
  ctx.fillStyle = '#4E5461'
  ctx.font = `40px ${FONT}`
  ctx.fillText(wrap(ctx, p.address, POSTER_W - 200)[0] ?? '', cx, 360 + lines.length * 96 + 10)

  const size = 760
  const top = 620
  ctx.drawImage(qr, cx - size / 2, top, size, size)
  ctx.fillStyle = '#1F2329'
  ctx.font = `bold 60px ${FONT}`
  ctx.fillText('微信扫一扫  进站签到', cx, top + size + 80)
  ctx.fillStyle = '#4E5461'
  ctx.font = `44px ${FONT}`
  ctx.fillText('歇脚 · 喝水 · 充电 · 热饭', cx, top + size + 160)

  ctx.fillStyle = RED
  ctx.fillRect(0, POSTER_H - 200, POSTER_W, 200)
  ctx.fillStyle = '#FFFFFF'
  ctx.font = `bold 64px ${FONT}`
  ctx.fillText(`职工服务热线 ${p.hotline}`, cx, POSTER_H - 100)
}

/** File names keep the station's name, minus what a file system refuses. */
const fileName = (p: StationPoster, ext: 'png' | 'pdf') => `驿站海报-${p.name.replace(/[\\/:*?"<>|]+/g, '')}.${ext}`

const JPEG_QUALITY = 0.92

async function drawInBrowser(p: StationPoster): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas')
  canvas.width = POSTER_W
  canvas.height = POSTER_H
  const img = new Image()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('二维码图片读取失败'))
    img.src = p.qr
  })
  await document.fonts?.ready
  drawPoster(canvas.getContext('2d')!, p, img)
  return canvas
}

function downloadBlob(blob: Blob, name: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

async function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality))
  if (!blob) throw new Error('海报生成失败')
  return blob
}

async function drawInWeChat(p: StationPoster): Promise<unknown> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: POSTER_W, height: POSTER_H }) as unknown as {
    getContext(t: '2d'): Ctx2D
    createImage(): HTMLImageElement
  }
  const img = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('二维码图片读取失败'))
    img.src = p.qr
  })
  drawPoster(canvas.getContext('2d'), p, img)
  return canvas
}

const isCancel = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

async function pngInWeChat(p: StationPoster): Promise<void> {
  const canvas = await drawInWeChat(p)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas } as never)
  // The preview's long-press menu saves the image or sends it to a print shop; no album permission is asked.
  await Taro.previewImage({ urls: [tempFilePath] }).catch(() => undefined)
}

/**
 * WeChat has no downloads folder: the PDF goes to the app's user data dir under the station's name and opens in
 * WeChat's document viewer, whose menu (showMenu) forwards it to 文件传输助手 for printing on a computer.
 */
async function pdfInWeChat(p: StationPoster): Promise<void> {
  const canvas = await drawInWeChat(p)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'jpg', quality: JPEG_QUALITY } as never)
  const fs = Taro.getFileSystemManager()
  const jpg = await new Promise<ArrayBuffer>((resolve, reject) =>
    fs.readFile({ filePath: tempFilePath, success: (r) => resolve(r.data as ArrayBuffer), fail: () => reject(new Error('海报图片读取失败')) }),
  )
  const pdf = jpegToPdf(new Uint8Array(jpg), POSTER_W, POSTER_H)
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName(p, 'pdf')}`
  await new Promise<void>((resolve, reject) =>
    fs.writeFile({
      filePath,
      data: pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer,
      success: () => resolve(),
      fail: () => reject(new Error('手机存储空间不足，PDF 没有保存')),
    }),
  )
  try {
    await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true })
  } catch (e) {
    if (!isCancel(e)) throw new Error('PDF 已生成，但无法打开，请稍后再试', { cause: e })
  }
}

/** The poster as a PNG: downloaded in the browser; in WeChat opened full screen to save, forward or print. */
export async function savePoster(p: StationPoster): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') return pngInWeChat(p)
  downloadBlob(await canvasBlob(await drawInBrowser(p), 'image/png'), fileName(p, 'png'))
}

/** The same drawing as a one-page A4 PDF for office printers: a download in the browser, WeChat's viewer in weapp. */
export async function savePosterPdf(p: StationPoster): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') return pdfInWeChat(p)
  const jpg = await canvasBlob(await drawInBrowser(p), 'image/jpeg', JPEG_QUALITY)
  const pdf = jpegToPdf(new Uint8Array(await jpg.arrayBuffer()), POSTER_W, POSTER_H)
  downloadBlob(new Blob([pdf as BlobPart], { type: 'application/pdf' }), fileName(p, 'pdf'))
}
