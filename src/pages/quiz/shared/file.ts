import Taro from '@tarojs/taro'

export type QuestionFile =
  { ok: true; name: string; csv?: string; xlsxBase64?: string } | { ok: false; message: string } | { ok: false; cancelled: true }

const isXlsx = (name: string) => /\.xlsx$/i.test(name)

/** weapp: banks arrive as chat attachments; .xlsx is read as base64, .csv as UTF-8 text. */
export async function pickFromChat(): Promise<QuestionFile> {
  let file: { path: string; name: string }
  try {
    file = (await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })).tempFiles[0]
  } catch {
    return { ok: false, cancelled: true }
  }
  const xlsx = isXlsx(file.name)
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: xlsx ? 'base64' : 'utf8',
      success: (r) => resolve(xlsx ? { ok: true, name: file.name, xlsxBase64: String(r.data) } : { ok: true, name: file.name, csv: String(r.data) }),
      fail: () => resolve({ ok: false, message: '读取文件失败，请重新选择' }),
    })
  })
}

export function readBrowserQuestionFile(file: File): Promise<QuestionFile> {
  return new Promise((resolve) => {
    const reader = new FileReader()
    reader.onerror = () => resolve({ ok: false, message: '读取文件失败，请重新选择' })
    if (isXlsx(file.name)) {
      reader.onload = () => {
        const bytes = new Uint8Array(reader.result as ArrayBuffer)
        let bin = ''
        for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i])
        resolve({ ok: true, name: file.name, xlsxBase64: btoa(bin) })
      }
      reader.readAsArrayBuffer(file)
    } else {
      reader.onload = () => resolve({ ok: true, name: file.name, csv: String(reader.result ?? '') })
      reader.readAsText(file, 'utf-8')
    }
  })
}
