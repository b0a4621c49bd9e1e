import Taro from '@tarojs/taro'
import type { Certificate } from '@/contracts/quiz/levels'
import { CERT_H, CERT_W, drawCertificate, type Ctx2D } from './draw'

/**
 * The certificate drawn off screen, as a picture the phone can keep: a temp file in WeChat (saved to the album or
 * shared to a chat), a data URL in the browser (downloaded).
 */
export async function renderCertificate(c: Certificate): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = CERT_W
    canvas.height = CERT_H
    drawCertificate(canvas.getContext('2d') as unknown as Ctx2D, c)
    return canvas.toDataURL('image/png')
  }
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: CERT_W, height: CERT_H }) as unknown as {
    getContext(kind: '2d'): Ctx2D
  }
  drawCertificate(canvas.getContext('2d'), c)
  const out = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  return out.tempFilePath
}

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

/** What to tell the person after a save or share; null when they cancelled. */
export type Outcome = { ok: boolean; message: string } | null

/** Saves the picture: to the album in WeChat, as a download in the browser. */
export async function saveCertificate(src: string, code: string): Promise<Outcome> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = src
    a.download = `证书-${code}.png`
    a.click()
    return { ok: true, message: '已保存证书图片' }
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: src })
    return { ok: true, message: '已保存到相册' }
  } catch (e) {
    if (cancelled(e)) return null
    return { ok: false, message: '没有保存：请在右上角「…」→「设置」里允许保存到相册后再试' }
  }
}

/** WeChat's own menu for an image: send to a chat, save, or add to favourites. */
export async function shareCertificate(src: string): Promise<Outcome> {
  try {
    await Taro.showShareImageMenu({ path: src })
    return null
  } catch (e) {
    return cancelled(e) ? null : { ok: false, message: '这个微信版本不能直接分享图片，请先保存到相册再发送' }
  }
}
