import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import RoleGate from '@/components/RoleGate'
import { fetchQuery } from '@/api/client'
import { orgsApi } from '@/contracts/orgs/api'
import type { OrgImportReport } from '@/contracts/orgs/schemas'
import { useMutation } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { saveDownload } from '@/utils/download'
import { uploadSheet } from '@/utils/sheet'
import SheetPicker from '@/components/SheetPicker'
import type { LocalFile } from '@/utils/upload'
import ImportReportView from './ImportReport'
import '../shared/orgs.scss'
import './index.scss'

const WRONG_TYPE = '请选择 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx'

const SHEETS: Array<[string, string]> = [
  ['街道乡镇', '名称、纬度、经度'],
  ['组织', '名称、上级组织、类型、电话、服务街道、行业'],
  ['用人单位', '单位名称、别名、所属工会'],
]

/** 组织架构 from Excel: pick the workbook, see every row's result (预览, nothing written), then 确认导入. */
export default function OrgImportPage() {
  return <RoleGate spec={orgsApi.importSheet}>{() => <OrgImport />}</RoleGate>
}

function OrgImport() {
  const [file, setFile] = useState<{ name: string; fileId: string } | null>(null)
  const [uploading, setUploading] = useState(false)
  const [message, setMessage] = useState('')
  const [report, setReport] = useState<OrgImportReport | null>(null)
  const importSheet = useMutation('orgs', 'importSheet')
  const sending = importSheet.busy

  /** Uploaded once, on picking: 预览 and 确认导入 then pass the same file id. */
  const accept = async (picked: LocalFile) => {
    if (uploading) return
    if (!/\.xlsx$/i.test(picked.name)) return setMessage(WRONG_TYPE)
    setMessage('')
    setReport(null)
    setUploading(true)
    const up = await uploadSheet(picked)
    setUploading(false)
    if (!up.ok) return setMessage(up.message)
    setFile({ name: up.name, fileId: up.fileId })
  }

  const send = async (dryRun: boolean) => {
    if (!file) return setMessage('请先选择按模板填写的 Excel 文件')
    const res = await importSheet.run({ fileId: file.fileId, dryRun })
    if (!res) return
    if (!res.ok) {
      setReport(null)
      return setMessage(`「${file.name}」：${res.error.fields?.[0]?.message ?? res.error.message}`)
    }
    setMessage('')
    setReport(res.data)
    // The server removes an applied upload: another round starts from picking a file again.
    if (!dryRun) setFile(null)
  }

  const commit = async () => {
    if (!report) return
    const n = (k: 'created' | 'updated' | 'refused') => report.sheets.reduce((sum, s) => sum + s[k], 0)
    const ok = await confirm({
      title: '确认导入？',
      content: `将新增 ${n('created')} 条、更新 ${n('updated')} 条${n('refused') ? `；${n('refused')} 行有问题，不会导入` : ''}。每一处改动都记入操作日志。`,
      confirmText: '导入',
      danger: true,
    })
    if (ok) await send(false)
  }

  const downloadTemplate = async () => {
    const res = await fetchQuery('orgs', 'importTemplate', {})
    if (!res.ok) return alert('模板下载失败', res.error.message)
    const saved = await saveDownload(res.data)
    if (saved.ok) Taro.showToast({ title: '模板已下载', icon: 'none' })
    else await alert('模板下载失败', saved.message)
  }

  const previewed = report?.dryRun === true
  const importable = previewed && report.sheets.some((s) => s.created + s.updated > 0)

  return (
    <View className='page org-import'>
      <View className='card org-import__help'>
        <Text className='section-title'>表格格式</Text>
        <Text className='org-import__line'>一个 Excel（.xlsx）文件，按需填写以下工作表，第一行是表头：</Text>
        {SHEETS.map(([sheet, headers]) => (
          <Text key={sheet} className='org-import__sheet'>
            「{sheet}」{headers}
          </Text>
        ))}
        <Text className='org-import__line'>· 按名称找已有记录：同一张表再导入一次不会重复添加</Text>
        <Text className='org-import__line'>· 上级组织、所属工会写组织名称；留空的上级组织即您所在的工会</Text>
        <Text className='org-import__line'>· 名称以「示例：」开头的行不会导入</Text>
        <Btn kind='ghost' size='sm' className='org-import__template' onClick={downloadTemplate}>
          下载 Excel 模板
        </Btn>
      </View>

      <View className='card org-import__source'>
        <SheetPicker exts={['xlsx']} label='选择 Excel 文件' busy={uploading} onPick={(f) => void accept(f)} className='org-import__file' />
        <Text className={file ? 'org-import__name' : 'muted'}>{uploading ? '正在上传…' : file ? file.name : '尚未选择文件'}</Text>
      </View>

      {message ? <Text className='org-form-error'>{message}</Text> : null}

      {previewed ? (
        <View className='row-actions org-import__actions'>
          <Btn kind='secondary' disabled={sending} onClick={() => setReport(null)}>
            重新选择
          </Btn>
          <Btn className='org-import__submit' disabled={sending || !importable} onClick={commit}>
            {sending ? '正在导入…' : importable ? '确认导入' : '没有要导入的改动'}
          </Btn>
        </View>
      ) : (
        <Btn className='org-import__preview' disabled={sending || !file} onClick={() => send(true)}>
          {sending ? '正在检查…' : '预览'}
        </Btn>
      )}

      {report ? <ImportReportView report={report} /> : null}
    </View>
  )
}
