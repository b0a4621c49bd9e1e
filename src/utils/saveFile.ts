import Taro from '@tarojs/taro'

export type SaveResult = { ok: true } | { ok: false; message: string }

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Browser: turn the base64 into a Blob and click a download link carrying the server's file name. */
function downloadInBrowser(filename: string, base64: string): SaveResult {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Some browsers read the blob after click() returns; give them a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return { ok: true }
}

/**
 * WeChat has no downloads folder: write the file into the app's user data dir and open it in WeChat's document
 * viewer, whose menu (showMenu) lets the cadre forward it to a chat or open it in another app.
 */
async function openInWeChat(filename: string, base64: string): Promise<SaveResult> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  try {
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }),
    )
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return { ok: true }
  } catch {
    return { ok: false, message: '文件已生成，但无法打开。请确认手机存储空间充足后重试。' }
  }
}

export async function saveXlsx(filename: string, base64: string): Promise<SaveResult> {
  // Constant tests: each build keeps only its own branch.
  if (process.env.TARO_ENV === 'h5') {
    try {
      return downloadInBrowser(filename, base64)
    } catch {
      return { ok: false, message: '浏览器无法下载文件，请换个浏览器重试。' }
    }
  }
  return openInWeChat(filename, base64)
}
