import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PagedListState from '@/components/PagedListState'
import Check from '@/components/Check'
import FieldError from '@/components/FieldError'
import ReasonBox from '@/components/ReasonBox'
import RoleGate from '@/components/RoleGate'
import { stationsApi } from '@/contracts/stations/api'
import { REPORT_KINDS, resolveReportInput, type StationReportItem } from '@/contracts/stations/schemas'
import { addDays, beijingDateTime, beijingDay } from '@/contracts/time'
import { useMutation, usePagedQuery } from '@/data'
import { check } from '@/utils/form'
import './index.scss'

type Tab = 'open' | 'resolved'
const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'open', label: '待处理' },
  { key: 'resolved', label: '已处理' },
]
const kindLabel = (k: StationReportItem['kind']) => REPORT_KINDS.find((r) => r.key === k)?.label ?? '其他问题'

/** 反馈处理: couriers' reports about the stations this keeper or union runs, answered one by one. */
export default function StationReportsPage() {
  return <RoleGate spec={stationsApi.reports}>{() => <Inbox />}</RoleGate>
}

function Inbox() {
  const [tab, setTab] = useState<Tab>('open')
  const [openId, setOpenId] = useState<string | null>(null)
  // A new tab clears the rows at once (they no longer match); back on the page they reload quietly.
  const { list, more, reload } = usePagedQuery('stations', 'reports', { status: tab, pageSize: 20 })

  const switchTab = (t: Tab) => {
    if (t === tab) return
    setTab(t)
    setOpenId(null)
  }

  return (
    <View className='page station-reports'>
      <View className='station-reports__tabs'>
        {TABS.map((t) => (
          <View key={t.key} className={`station-reports__tab ${tab === t.key ? 'station-reports__tab--on' : ''}`} onClick={() => switchTab(t.key)}>
            <Text>{t.label}</Text>
            {tab === t.key && list.page > 0 ? <Text className='station-reports__tab-count'>（{list.total}）</Text> : null}
          </View>
        ))}
      </View>

      {list.items.map((r) =>
        openId === r.id ? (
          <ReplyBox
            key={r.id}
            report={r}
            onCancel={() => setOpenId(null)}
            onDone={() => {
              setOpenId(null)
              reload(true)
            }}
          />
        ) : (
          <ReportCard key={r.id} report={r} onReply={tab === 'open' ? () => setOpenId(r.id) : undefined} />
        ),
      )}

      <PagedListState
        list={list}
        onLoad={more}
        empty={{
          title: tab === 'open' ? '没有待处理的反馈' : '还没有处理过的反馈',
          detail: tab === 'open' ? '快递小哥在驿站页点「反馈问题」后，会出现在这里。' : undefined,
        }}
        moreClassName='station-reports__more'
      />
    </View>
  )
}

function ReportCard({ report: r, onReply }: { report: StationReportItem; onReply?: () => void }) {
  return (
    <View className='card station-report'>
      <View className='station-report__head'>
        <Text className='station-report__station'>{r.stationName}</Text>
        <Text className={`station-report__kind station-report__kind--${r.kind}`}>{kindLabel(r.kind)}</Text>
      </View>
      <Text className='station-report__text'>{r.text || '（未填写说明）'}</Text>
      <Text className='station-report__time muted'>反馈于 {beijingDateTime(r.createdAt)}</Text>
      {r.status === 'resolved' ? (
        <View className='station-report__reply'>
          <Text className='station-report__reply-head'>
            {r.resolvedByName || '工作人员'} 回复{r.resolvedAt ? ` · ${beijingDateTime(r.resolvedAt)}` : ''}
          </Text>
          <Text className='station-report__reply-text'>{r.reply}</Text>
          {r.suspendUntil ? <Text className='station-report__suspended'>已设为暂停开放，{r.suspendUntil} 恢复</Text> : null}
        </View>
      ) : null}
      {onReply ? (
        <View className='row-actions'>
          <Btn className='station-report__answer' onClick={onReply}>
            回复
          </Btn>
        </View>
      ) : null}
    </View>
  )
}

function ReplyBox({ report: r, onCancel, onDone }: { report: StationReportItem; onCancel: () => void; onDone: () => void }) {
  const today = beijingDay()
  const [reply, setReply] = useState('')
  const [suspend, setSuspend] = useState(false)
  const [until, setUntil] = useState(addDays(today, 3))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const resolve = useMutation('stations', 'resolveReport', {
    success: '已回复',
    onSuccess: onDone,
    onError: (error) => {
      if (error.code === 'CONFLICT') {
        void Taro.showToast({ title: '已有人处理过了', icon: 'none' })
        onDone()
        return
      }
      const fieldErrors: Record<string, string> = {}
      for (const f of error.fields ?? []) fieldErrors[f.path] = f.message
      setErrors(error.fields?.length ? fieldErrors : { reply: error.message })
    },
  })
  const busy = resolve.busy

  const submit = async () => {
    if (busy) return
    const checked = check(resolveReportInput, { id: r.id, reply, ...(suspend ? { suspendUntil: until } : {}) })
    if (!checked.ok) return setErrors(checked.errors)
    if (suspend) {
      const go = await Taro.showModal({
        title: '暂停开放',
        content: `「${r.stationName}」将显示暂停开放，${until} 起恢复。确定吗？`,
        confirmText: '确定',
        cancelText: '取消',
      })
      if (!go.confirm) return
    }
    await resolve.run(checked.data)
  }

  return (
    <View className='station-report-reply'>
      <ReportCard report={r} />
      {r.kind === 'closed' ? (
        <View className='card station-report-reply__suspend'>
          <Check checked={suspend} className='station-report-reply__toggle' onChange={setSuspend}>
            <Text>同时将驿站设为「暂停开放」</Text>
          </Check>
          {suspend ? (
            <View className='station-report-reply__date'>
              <Text className='station-report-reply__date-label'>恢复开放日期</Text>
              <Picker
                mode='date'
                value={until}
                start={addDays(today, 1)}
                end={addDays(today, 180)}
                onChange={(e) => setUntil(String(e.detail.value))}
              >
                <View className='picker-box station-report-reply__picker'>
                  <Text className='picker-box__text'>{until}</Text>
                  <Text className='picker-box__arrow'>›</Text>
                </View>
              </Picker>
              <Text className='muted'>到这一天之前，驿站在地图和列表中显示「暂停开放」，不出现在「只看营业中」里。</Text>
              <FieldError message={errors.suspendUntil} />
            </View>
          ) : null}
        </View>
      ) : null}
      <ReasonBox
        className='station-report-reply__box'
        title='回复反馈人'
        hint='回复会出现在反馈人的消息中心，至少 2 个字'
        placeholder='例如：已联系驿站，饮水机明天修好，谢谢反馈！'
        value={reply}
        error={errors.reply ?? errors.id}
        busy={busy}
        confirmText={suspend ? '回复并暂停' : '回复并处理'}
        onInput={(v) => {
          setReply(v)
          setErrors({})
        }}
        onConfirm={() => void submit()}
        onCancel={onCancel}
      />
    </View>
  )
}
