import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { AMENITIES } from '@/contracts/stations/amenities'
import type { ImportReport, ImportRowStatus } from '@/contracts/stations/schemas'
import { fetchQuery } from '@/api/client'
import { useMutation, useMutationWith } from '@/data'
import { ACCEPTED, countDataRows, sheetProblem } from './file'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { stationsApi } from '@/contracts/stations/api'
import { alert, confirm } from '@/utils/dialog'
import { saveDownload } from '@/utils/download'
import { uploadSheet } from '@/utils/sheet'
import SheetPicker from '@/components/SheetPicker'
import type { LocalFile } from '@/utils/upload'
import Choice from '@/components/Choice'
import { COORD_SYSTEM_LABELS, type CoordSystem } from '@/contracts/stations/coordsystems'

type CoordChoice = CoordSystem | 'auto'
const COORD_CHOICES: { key: CoordChoice; label: string }[] = [
  { key: 'auto', label: '不确定' },
  { key: 'gcj02', label: '高德/腾讯' },
  { key: 'bd09', label: '百度地图' },
  { key: 'wgs84', label: 'GPS' },
]

const HEADER = '名称,地址,纬度,经度,开放时间,设施,电话'

const STATUS_LABELS: Record<ImportRowStatus, string> = { created: '新建', updated: '更新', refused: '拒绝' }
const PREVIEW_LABELS: Record<ImportRowStatus, string> = { created: '将新建', updated: '将更新', refused: '有问题' }

/** A picked file is uploaded once, on picking; the preview and the import then pass the same fileId. */
type Source = { kind: 'file'; name: string; fileId: string } | { kind: 'text'; csv: string }

function StationImport() {
  const [csv, setCsv] = useState('')
  const [file, setFile] = useState<{ name: string; fileId: string } | null>(null)
  const [uploading, setUploading] = useState(false)
  const [message, setMessage] = useState('')
  const importCsv = useMutation('stations', 'importCsv')
  const sending = importCsv.busy
  // The template is a query (it writes nothing but a temporary export file), fetched on tap with the busy guard.
  const template = useMutationWith(() => fetchQuery('stations', 'importTemplate', {}))
  const downloading = template.busy
  const [report, setReport] = useState<ImportReport | null>(null)
  const [coordSystem, setCoordSystem] = useState<CoordChoice>('auto')

  const take = async (picked: LocalFile) => {
    if (uploading) return
    const problem = sheetProblem(picked)
    if (problem) return setMessage(problem)
    setMessage('')
    setReport(null)
    setUploading(true)
    const up = await uploadSheet(picked)
    setUploading(false)
    if (!up.ok) return setMessage(up.message)
    setFile({ name: up.name, fileId: up.fileId })
    setCsv('')
  }

  const source = (): Source | null => {
    if (file) return { kind: 'file', ...file }
    const text = csv.trim()
    return text ? { kind: 'text', csv: text } : null
  }

  const send = async (src: Source, dryRun: boolean) => {
    const res = await importCsv.run(src.kind === 'file' ? { fileId: src.fileId, dryRun, coordSystem } : { csv: src.csv, dryRun, coordSystem })
    if (!res) return
    if (res.ok) {
      setReport(res.data)
      setMessage('')
      // The server removes an applied upload: another round starts from picking a file again.
      if (!dryRun && src.kind === 'file') setFile(null)
    } else {
      setReport(null)
      const text = res.error.fields?.length ? res.error.fields.map((f) => f.message).join('；') : res.error.message
      // Name the file the message is about: 「驿站.xlsx」：解压后超过…
      setMessage(src.kind === 'file' ? `「${src.name}」：${text}` : text)
    }
  }

  /** Step 1: the server reads the sheet and answers row by row what an import would do; nothing is written. */
  const preview = async () => {
    if (sending || uploading) return
    const src = source()
    if (!src || (src.kind === 'text' && countDataRows(src.csv) === 0)) {
      setMessage('请先选择 Excel 或 CSV 文件，或粘贴 CSV 内容（第一行是表头，从第二行起每行一个驿站）')
      return
    }
    setMessage('')
    await send(src, true)
  }

  /** Step 2: the same sheet, written for real, after one confirmation. */
  const commit = async () => {
    if (sending || !report) return
    const src = source()
    if (!src) return
    const ok = await confirm({
      title: '确认导入？',
      content: `将新建 ${report.created} 个、更新 ${report.updated} 个驿站${report.refused ? `；${report.refused} 行有问题，不会导入` : ''}。导入后工友即可在「附近驿站」看到。`,
      confirmText: '导入',
      danger: true,
    })
    if (!ok) return
    await send(src, false)
  }

  const downloadTemplate = async () => {
    const res = await template.run(undefined)
    if (!res) return
    if (!res.ok) {
      await alert('模板下载失败', res.error.message)
      return
    }
    const saved = await saveDownload(res.data)
    if (saved.ok) Taro.showToast({ title: '模板已下载', icon: 'none' })
    else await alert('模板下载失败', saved.message)
  }

  const previewed = report?.dryRun === true
  const importable = previewed && report.created + report.updated > 0

  return (
    <View className='page station-import'>
      <View className='card import-help'>
        <Text className='section-title import-help__title'>表格格式</Text>
        <Text className='import-help__line'>支持 Excel（.xlsx）和 CSV（UTF-8 或 Excel/WPS 默认的 GBK 编码）。第一行是表头：</Text>
        <Text className='import-help__code' userSelect>
          {HEADER}
        </Text>
        <Text className='import-help__line'>· 纬度、经度可以取自高德、腾讯或百度地图：在下面选择坐标来自哪个地图，或加一列「坐标系」逐行注明</Text>
        <Text className='import-help__line'>· 多个设施用「|」分隔，如：饮水|充电|卫生间</Text>
        <Text className='import-help__line'>· 可用设施：{AMENITIES.map((a) => a.label).join('、')}</Text>
        <Text className='import-help__line'>· 开放时间如：08:00-20:00、24小时</Text>
        <Text className='import-help__line'>· 名称以「示例：」开头的行不会导入</Text>
        <Btn kind='ghost' size='sm' className='import-help__template' disabled={downloading} onClick={downloadTemplate}>
          {downloading ? '正在生成…' : '下载 Excel 模板'}
        </Btn>
      </View>

      <View className='card'>
        <View className='import-source'>
          <SheetPicker exts={ACCEPTED} label='选择 Excel / CSV 文件' busy={uploading} onPick={(f) => void take(f)} />
          {uploading ? (
            <Text className='muted import-source__uploading'>正在上传…</Text>
          ) : file ? (
            <View className='import-source__picked'>
              <Text className='import-source__name'>{file.name}</Text>
              <Text
                className='import-source__clear'
                onClick={() => {
                  setFile(null)
                  setReport(null)
                }}
              >
                移除
              </Text>
            </View>
          ) : (
            <Text className='muted'>或直接粘贴 CSV 到下面</Text>
          )}
        </View>
        {file ? null : (
          <>
            <View className='import-text-box'>
              <Textarea
                className='import-text'
                value={csv}
                maxlength={-1}
                placeholder={`${HEADER}\n……`}
                onInput={(e) => {
                  setCsv(e.detail.value)
                  setReport(null)
                }}
              />
            </View>
            <Text className='import-text__count'>{countDataRows(csv.trim())} 行数据</Text>
          </>
        )}
      </View>

      <View className='card import-coords'>
        <Text className='import-coords__title'>坐标取自哪个地图？</Text>
        <Choice<CoordChoice>
          className='import-coords__choice'
          options={COORD_CHOICES}
          value={coordSystem}
          onChange={(k) => {
            setCoordSystem(k)
            setReport(null)
          }}
        />
        <Text className='muted import-coords__note'>
          {coordSystem === 'auto'
            ? '表头或「坐标系」列注明了的按注明的导入；都没有注明时按高德/腾讯地图坐标导入。'
            : `没有注明的按${COORD_SYSTEM_LABELS[coordSystem]}导入${coordSystem === 'gcj02' ? '' : '，自动换算后保存'}。`}
        </Text>
      </View>

      {message ? <Text className='import-message'>{message}</Text> : null}

      {previewed ? (
        <View className='import-actions'>
          <Btn kind='secondary' className='import-again' disabled={sending} onClick={() => setReport(null)}>
            重新选择
          </Btn>
          <Btn className='import-submit' disabled={sending || !importable} onClick={commit}>
            {sending ? '正在导入…' : importable ? '确认导入' : '没有可导入的行'}
          </Btn>
        </View>
      ) : (
        <Btn className='import-preview' disabled={sending || uploading} onClick={preview}>
          {sending ? '正在检查…' : '预览'}
        </Btn>
      )}

      {report ? <ImportReportView report={report} /> : null}
    </View>
  )
}

function ImportReportView({ report }: { report: ImportReport }) {
  const labels = report.dryRun ? PREVIEW_LABELS : STATUS_LABELS
  return (
    <View className='card import-report'>
      <Text className='section-title import-report__title'>{report.dryRun ? '预览（尚未导入）' : '导入结果'}</Text>
      {report.dryRun ? <Text className='muted import-report__note'>核对下面每一行，无误后点「确认导入」。</Text> : null}
      {report.coords ? <Text className={`import-report__coords import-report__coords--${report.coords.basis}`}>{report.coords.text}</Text> : null}
      {report.skipped ? <Text className='muted import-report__note'>已跳过 {report.skipped} 行示例。</Text> : null}
      <View className='import-report__counts'>
        <View className='import-count import-count--created'>
          <Text className='import-count__num'>{report.created}</Text>
          <Text className='import-count__label'>{labels.created}</Text>
        </View>
        <View className='import-count import-count--updated'>
          <Text className='import-count__num'>{report.updated}</Text>
          <Text className='import-count__label'>{labels.updated}</Text>
        </View>
        <View className='import-count import-count--refused'>
          <Text className='import-count__num'>{report.refused}</Text>
          <Text className='import-count__label'>{labels.refused}</Text>
        </View>
      </View>
      <View className='import-rows'>
        <View className='import-row import-row--head'>
          <Text className='import-row__no'>行号</Text>
          <Text className='import-row__name'>名称</Text>
          <Text className='import-row__status'>结果</Text>
        </View>
        {report.rows.map((r) => (
          <View key={r.row} className={`import-row import-row--${r.status}`}>
            <View className='import-row__main'>
              <Text className='import-row__no'>第{r.row}行</Text>
              <Text className='import-row__name'>{r.name || '（无名称）'}</Text>
              <Text className={`import-row__status import-row__status--${r.status}`}>{labels[r.status]}</Text>
            </View>
            {r.errors?.length ? (
              <View className='import-row__errors'>
                {r.errors.map((e) => (
                  <Text key={e.path + e.message} className='import-row__error'>
                    {e.message}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedStationImport() {
  return <RoleGate spec={stationsApi.importCsv}>{() => <StationImport />}</RoleGate>
}
