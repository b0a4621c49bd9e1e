import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import type { Roster } from '@/contracts/childcare/schemas'
import type { ApiError } from '@/contracts/result'
import { saveDownload } from '@/utils/download'
import { BOOKING_LABEL, CC, placesLine } from '../shared'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; roster: Roster }

/** 花名册: who holds a place, who waits, who came today, attendance so far; export to Excel. */
export default function RosterPage() {
  return <RoleGate spec={childcareApi.roster}>{() => <RosterView />}</RoleGate>
}

function RosterView() {
  const { params } = useRouter()
  const classId = params.id ?? ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [exporting, setExporting] = useState(false)
  const [drawing, setDrawing] = useState(false)
  const fetchRoster = async () => {
    const res = await call('childcare', 'roster', { classId })
    setLoad(res.ok ? { kind: 'ready', roster: res.data } : { kind: 'error', error: res.error })
  }
  useEffect(() => void fetchRoster(), [])
  useDidShow(() => void fetchRoster())

  const exportXlsx = async () => {
    setExporting(true)
    const res = await call('childcare', 'exportRoster', { classId })
    setExporting(false)
    if (!res.ok) return void Taro.showModal({ title: '导出失败', content: res.error.message, showCancel: false, confirmText: '知道了' })
    const saved = await saveDownload(res.data)
    if (!saved.ok) Taro.showModal({ title: '保存失败', content: saved.message, showCancel: false, confirmText: '知道了' })
  }

  const draw = async () => {
    const { confirm } = await Taro.showModal({
      title: '现在抽签？',
      content: '抽签后公开种子，结果不能更改。',
      confirmText: '抽签',
      cancelText: '取消',
    })
    if (!confirm) return
    setDrawing(true)
    const res = await call('childcare', 'runLottery', { classId })
    setDrawing(false)
    if (!res.ok) return void Taro.showModal({ title: '没有抽签', content: res.error.message, showCancel: false, confirmText: '知道了' })
    void fetchRoster()
  }

  if (load.kind === 'loading')
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载花名册…' />
      </View>
    )
  if (load.kind === 'error')
    return (
      <View className='page'>
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchRoster() }]} />
      </View>
    )
  const { roster } = load
  const c = roster.class
  const confirmed = roster.rows.filter((r) => r.status === 'confirmed')
  return (
    <View className='page cc-roster'>
      <View className='card cc-head'>
        <Text className='cc-title'>{c.title}</Text>
        <Text className='cc-line'>
          {c.startDate} 至 {c.endDate} · 共 {roster.days} 天，已过 {roster.daysSoFar} 天
        </Text>
        <Text className='cc-places cc-roster__places'>{placesLine(c)}</Text>
        <Text className='cc-line cc-roster__summary'>
          已确认 {confirmed.length} · 候补 {roster.rows.length - confirmed.length} · 今日签到 {confirmed.filter((r) => r.checkedInToday).length}
        </Text>
        <View className='cc-links'>
          <Btn size='sm' className='cc-roster__checkin' onClick={() => Taro.navigateTo({ url: CC.checkin })}>
            签到
          </Btn>
          <Btn size='sm' kind='secondary' disabled={exporting} onClick={() => void exportXlsx()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Btn>
          {c.allocation === 'lottery' && c.status === '已截止' ? (
            <Btn size='sm' kind='secondary' disabled={drawing} onClick={() => void draw()}>
              抽签
            </Btn>
          ) : null}
        </View>
      </View>
      {!roster.rows.length ? <StateView kind='empty' title='还没有人报名' /> : null}
      {roster.rows.length ? (
        <View className='card'>
          {roster.rows.map((r) => (
            <View key={r.bookingId} className={`cc-row cc-roster__row cc-roster__row--${r.status}`}>
              <View className='cc-row__main'>
                <Text className='cc-row__name'>{r.childName}</Text>
                <Text className='cc-line'>
                  {r.gender} · {GRADE_LABELS[r.grade] ?? r.grade} · {r.idNumberMasked} · 家长 {r.parentName || '—'}
                </Text>
                {r.status === 'confirmed' ? (
                  <Text className='cc-line'>
                    出勤 {r.attended} 天 · {Math.round(r.attendanceRate * 100)}%
                  </Text>
                ) : null}
              </View>
              <Text className={`cc-badge cc-badge--${r.status === 'confirmed' ? (r.checkedInToday ? 'green' : 'grey') : 'amber'} cc-roster__state`}>
                {r.status === 'confirmed'
                  ? r.checkedInToday
                    ? '今日已签到'
                    : '未签到'
                  : r.status === 'waitlisted'
                    ? `候补 ${r.position}`
                    : BOOKING_LABEL[r.status]}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
