import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import RoleGate from '@/components/RoleGate'
import SheetPicker from '@/components/SheetPicker'
import { fetchQuery } from '@/api/client'
import { membershipApi } from '@/contracts/membership/api'
import type { RosterReport } from '@/contracts/membership/roster'
import type { ApiResult } from '@/contracts/result'
import { useMutation, useMutationWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { saveDownload } from '@/utils/download'
import { uploadSheet } from '@/utils/sheet'
import type { LocalFile } from '@/utils/upload'
import RosterReportView from './RosterReport'
import './index.scss'

const WRONG_TYPE = '请选择 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx'

/** 会员名册导入: pick the workbook, see every row's result (预览, nothing written), then 确认导入. */
export default function RosterImportPage() {
  return <RoleGate spec={membershipApi.importRoster}>{() => <RosterImport />}</RoleGate>
}

function RosterImport() {
  const [file, setFile] = useState<{ name: string; fileId: string } | null>(null)
  const [message, setMessage] = useState('')
  const [report, setReport] = useState<RosterReport | null>(null)

  /** Uploaded once, on picking: 预览 and 确认导入 then pass the same file id. */
  const upload = useMutationWith(sendSheet, {
    onSuccess: (u) => setFile(u),
    onError: (e) => setMessage(e.message),
  })
  const importing = useMutation('membership', 'importRoster', {
    onSuccess: (r) => {
      setMessage('')
      setReport(r)
      // The server removes an applied upload: another round starts from picking a file again.
      if (!r.dryRun) setFile(null)
      if (!r.dryRun) void Taro.showToast({ title: `已导入 ${r.created + r.updated} 人`, icon: 'none' })
    },
    onError: (e) => {
      setReport(null)
      setMessage(`「${file?.name ?? ''}」：${e.fields?.[0]?.message ?? e.message}`)
    },
  })
  const template = useMutationWith(() => fetchQuery('membership', 'rosterTemplate'), {
    onSuccess: async (link) => {
      const saved = await saveDownload(link)
      if (saved.ok) Taro.showToast({ title: '模板已下载', icon: 'none' })
      else await alert('模板下载失败', saved.message)
    },
    onError: (e) => void alert('模板下载失败', e.message),
  })

  const accept = async (picked: LocalFile) => {
    if (!/\.xlsx$/i.test(picked.name)) return setMessage(WRONG_TYPE)
    setMessage('')
    setReport(null)
    await upload.run(picked)
  }

  const preview = () => {
    if (!file) return setMessage('请先选择按模板填写的 Excel 文件')
    void importing.run({ fileId: file.fileId, dryRun: true })
  }

  const commit = async () => {
    if (!report || !file) return
    const ok = await confirm({
      title: '确认导入？',
      content: `将新增 ${report.created} 名会员、更新 ${report.updated} 名${report.refused ? `；${report.refused} 行有问题，不会导入` : ''}。导入的职工即为会员，每一处改动都记入操作日志。`,
      confirmText: '导入',
      danger: true,
    })
    if (ok) await importing.run({ fileId: file.fileId, dryRun: false })
  }

  const previewed = report?.dryRun === true
  const importable = previewed && report.created + report.updated > 0

  return (
    <View className='page roster-import'>
      <View className='card roster-import__help'>
        <Text className='section-title'>表格格式</Text>
        <Text className='roster-import__line'>一个 Excel（.xlsx）文件，工作表「会员名册」，第一行是表头：</Text>
        <Text className='roster-import__columns'>姓名、身份证号、手机号、工作单位、入会日期、会员编号（可不填）、所属工会（可不填）</Text>
        <Text className='roster-import__line'>
          · 导入的职工就是会员，不用再申请；本人在「入会 → 会员认证」用姓名、身份证号和这里的手机号领取电子会员卡
        </Text>
        <Text className='roster-import__line'>· 按身份证号找已导入的会员：同一张表再导入一次不会重复添加</Text>
        <Text className='roster-import__line'>· 会员编号不填则自动编号；所属工会不填即您所在的工会</Text>
        <Btn kind='ghost' size='sm' className='roster-import__template' loading={template.busy} onClick={() => void template.run(undefined)}>
          下载 Excel 模板
        </Btn>
      </View>

      <View className='card roster-import__source'>
        <SheetPicker exts={['xlsx']} label='选择 Excel 文件' busy={upload.busy} onPick={(f) => void accept(f)} className='roster-import__file' />
        <Text className={file ? 'roster-import__name' : 'muted'}>{upload.busy ? '正在上传…' : file ? file.name : '尚未选择文件'}</Text>
      </View>

      <FormError message={message} />

      {previewed ? (
        <View className='row-actions roster-import__actions'>
          <Btn kind='secondary' disabled={importing.busy} onClick={() => setReport(null)}>
            重新选择
          </Btn>
          <Btn className='roster-import__submit' loading={importing.busy} disabled={!importable} onClick={commit}>
            {importing.busy ? '正在导入…' : importable ? '确认导入' : '没有要导入的会员'}
          </Btn>
        </View>
      ) : (
        <Btn className='roster-import__preview' loading={importing.busy} disabled={!file} onClick={preview}>
          {importing.busy ? '正在检查…' : '预览'}
        </Btn>
      )}

      {report ? <RosterReportView report={report} /> : null}
    </View>
  )
}

/** The upload as an answer the mutation layer takes (its double-tap guard and busy state). */
async function sendSheet(picked: LocalFile): Promise<ApiResult<{ name: string; fileId: string }>> {
  const u = await uploadSheet(picked)
  return u.ok ? { ok: true, data: { name: u.name, fileId: u.fileId } } : { ok: false, error: { code: 'VALIDATION_FAILED', message: u.message } }
}
