import Taro from '@tarojs/taro'
import type { DownloadLink } from '@/contracts/files'

type SaveResult = { ok: true } | { ok: false; message: string }

/** Browser: a download link with the server's file name (same origin locally, so `download` is honoured). */
function downloadInBrowser({ url, filename }: DownloadLink): SaveResult {
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { ok: true }
}

/**
 * WeChat has no downloads folder: fetch the file into the app's user data dir under its real name and open it
 * in WeChat's document viewer, whose menu (showMenu) lets the cadre forward it to a chat or another app.
 */
async function openInWeChat({ url, filename }: DownloadLink): Promise<SaveResult> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  try {
    const res = await Taro.downloadFile({ url, filePath })
    if (res.statusCode !== 200) return { ok: false, message: '下载失败，链接可能已过期，请重新导出' }
  } catch {
    return { ok: false, message: '下载失败，请检查网络后重新导出' }
  }
  try {
    const ext = filename.split('.').pop() ?? 'xlsx'
    await Taro.openDocument({ filePath, fileType: ext as 'xlsx', showMenu: true })
    return { ok: true }
  } catch {
    return { ok: false, message: '文件已下载，但无法打开。请确认手机存储空间充足后重试。' }
  }
}

/** Saves what an export action answered: in the browser a download, in WeChat the document viewer. */
export async function saveDownload(link: DownloadLink): Promise<SaveResult> {
  if (new Date(link.expiresAt).getTime() < Date.now()) return { ok: false, message: '下载链接已过期，请重新导出' }
  if (process.env.TARO_ENV === 'h5') {
    try {
      return downloadInBrowser(link)
    } catch {
      return { ok: false, message: '浏览器无法下载文件，请换个浏览器重试。' }
    }
  }
  return openInWeChat(link)
}
