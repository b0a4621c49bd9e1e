import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { AMENITIES } from '@/contracts/stations/amenities'
import type { ImportReport, ImportRowStatus } from '@/contracts/stations/schemas'
import { importCsv } from '../shared/api'
import { countDataRows, pickCsvFromChat, readBrowserFile, type PickedFile } from './file'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { stationsApi } from '@/contracts/stations/api'
import { confirm } from '@/utils/dialog'

const HEADER = 'name,address,lat,lng,hours,amenities,phone'
const SAMPLE = `${HEADER}
城东快递驿站,乐陵市城东街道振兴路18号,37.7312,117.2208,08:00-20:00,饮水|充电|休息座椅,0534-6212345`

const STATUS_LABELS: Record<ImportRowStatus, string> = { created: '新建', updated: '更新', refused: '拒绝' }

function StationImport() {
  const [csv, setCsv] = useState('')
  const [fileName, setFileName] = useState('')
  const [message, setMessage] = useState('')
  const [sending, setSending] = useState(false)
  const [report, setReport] = useState<ImportReport | null>(null)

  const accept = (picked: PickedFile) => {
    if (picked.ok) {
      // Excel on Windows saves a BOM; it would otherwise end up inside the first column's name.
      setCsv(picked.text.replace(/^\uFEFF/, ''))
      setFileName(picked.name)
      setMessage('')
      setReport(null)
    } else if (!('cancelled' in picked)) {
      setMessage(picked.message)
    }
  }

  const submit = async () => {
    if (sending) return
    const text = csv.trim()
    const rows = countDataRows(text)
    if (!text || rows === 0) {
      setMessage('请先粘贴 CSV 内容：第一行是表头，从第二行起每行一个驿站')
      return
    }
    setMessage('')
    const ok = await confirm({
      title: '确认导入？',
      content: `共 ${rows} 行。名称和地址相同的驿站会被更新，其余新建；有问题的行会被拒绝并说明原因。`,
      confirmText: '导入',
      danger: true,
    })
    if (!ok) return
    setSending(true)
    const res = await importCsv(text)
    setSending(false)
    if (res.ok) {
      setReport(res.data)
    } else {
      setReport(null)
      setMessage(res.error.fields?.length ? res.error.fields.map((f) => f.message).join('；') : res.error.message)
    }
  }

  return (
    <View className='page station-import'>
      <View className='card import-help'>
        <Text className='section-title import-help__title'>表格格式</Text>
        <Text className='import-help__line'>第一行写表头（保持英文）：</Text>
        <Text className='import-help__code' userSelect>
          {HEADER}
        </Text>
        <Text className='import-help__line'>· 坐标用 GCJ-02（微信/高德/腾讯地图）</Text>
        <Text className='import-help__line'>· 多个设施用「|」分隔，如：饮水|充电|卫生间</Text>
        <Text className='import-help__line'>· 可用设施：{AMENITIES.map((a) => a.label).join('、')}</Text>
        <Text className='import-help__line'>· 开放时间如：08:00-20:00、24小时</Text>
        <Text className='import-help__sample' onClick={() => setCsv(SAMPLE)}>
          填入示例
        </Text>
      </View>

      <View className='card'>
        <View className='import-source'>
          {process.env.TARO_ENV === 'weapp' ? (
            <Btn kind='secondary' size='sm' className='import-source__chat' onClick={async () => accept(await pickCsvFromChat())}>
              从聊天记录选择 CSV 文件
            </Btn>
          ) : (
            <label className='import-source__file'>
              选择 CSV 文件
              <input
                type='file'
                accept='.csv,text/csv'
                className='import-source__input'
                onChange={async (e) => {
                  const file = e.currentTarget.files?.[0]
                  if (file) accept(await readBrowserFile(file))
                  e.currentTarget.value = ''
                }}
              />
            </label>
          )}
          {fileName ? <Text className='muted import-source__name'>{fileName}</Text> : <Text className='muted'>或直接粘贴到下面</Text>}
        </View>
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
      </View>

      {message ? <Text className='import-message'>{message}</Text> : null}

      <Btn className='import-submit' disabled={sending} onClick={submit}>
        {sending ? '正在导入…' : '开始导入'}
      </Btn>

      {report ? <ImportReportView report={report} /> : null}
    </View>
  )
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <View className='card import-report'>
      <Text className='section-title import-report__title'>导入结果</Text>
      <View className='import-report__counts'>
        <View className='import-count import-count--created'>
          <Text className='import-count__num'>{report.created}</Text>
          <Text className='import-count__label'>新建</Text>
        </View>
        <View className='import-count import-count--updated'>
          <Text className='import-count__num'>{report.updated}</Text>
          <Text className='import-count__label'>更新</Text>
        </View>
        <View className='import-count import-count--refused'>
          <Text className='import-count__num'>{report.refused}</Text>
          <Text className='import-count__label'>拒绝</Text>
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
              <Text className={`import-row__status import-row__status--${r.status}`}>{STATUS_LABELS[r.status]}</Text>
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
