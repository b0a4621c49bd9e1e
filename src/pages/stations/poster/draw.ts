import Taro from '@tarojs/taro'
import type { StationPoster } from '@/contracts/stations/visits'

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

const fileName = (p: StationPoster) => `驿站海报-${p.name}.png`

async function saveInBrowser(p: StationPoster): Promise<void> {
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
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('海报生成失败')
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = fileName(p)
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

async function saveInWeChat(p: StationPoster): Promise<void> {
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
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas } as never)
  // The preview's long-press menu saves the image or sends it to a print shop; no album permission is asked.
  await Taro.previewImage({ urls: [tempFilePath] }).catch(() => undefined)
}

/** The poster as a PNG: downloaded in the browser; in WeChat opened full screen to save, forward or print. */
export function savePoster(p: StationPoster): Promise<void> {
  return process.env.TARO_ENV === 'weapp' ? saveInWeChat(p) : saveInBrowser(p)
}
