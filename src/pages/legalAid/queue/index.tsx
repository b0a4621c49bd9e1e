import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useMountAndShow } from '@/hooks/useMountAndShow'
import { useState } from 'react'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { legalAidApi } from '@/contracts/legalAid/api'
import { CATEGORY_LABELS, STATUS_LABELS, type CaseListItem, type CaseStatus } from '@/contracts/legalAid/schemas'
import { DETAIL_URL, STATUS_TONE, deadlineDay } from '../shared/format'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

type Filter = 'all' | 'submitted' | 'accepted' | 'overdue' | 'in_progress'
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'submitted', label: '待受理' },
  { key: 'accepted', label: '待指派' },
  { key: 'in_progress', label: '办理中' },
  { key: 'overdue', label: '已逾期' },
]
type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; items: CaseListItem[] }

function Queue({ staff }: { staff: boolean }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const reload = async (f: Filter = filter) => {
    setLoad({ kind: 'loading' })
    const input = f === 'overdue' ? { overdue: true } : f === 'all' ? {} : { status: f as CaseStatus }
    const r = await call('legalAid', 'listCases', input)
    setLoad(r.ok ? { kind: 'ok', items: r.data.items } : { kind: 'error', message: r.error.message })
    Taro.stopPullDownRefresh()
  }
  useMountAndShow(() => void reload())
  usePullDownRefresh(() => void reload())

  return (
    <View className='page legal-queue'>
      <View className='legal-queue__filters'>
        {FILTERS.filter((f) => staff || f.key === 'all' || f.key === 'in_progress').map((f) => (
          <Text
            key={f.key}
            className={`legal-queue__filter legal-queue__filter--${f.key} ${filter === f.key ? 'legal-queue__filter--on' : ''}`}
            onClick={() => {
              setFilter(f.key)
              void reload(f.key)
            }}
          >
            {f.label}
          </Text>
        ))}
        {staff ? (
          <Text className='legal-queue__stats' onClick={() => Taro.navigateTo({ url: '/pages/legalAid/stats/index' })}>
            统计
          </Text>
        ) : null}
      </View>
      {load.kind === 'loading' ? <StateView kind='loading' title='正在加载…' /> : null}
      {load.kind === 'error' ? (
        <StateView kind='error' title='加载失败' detail={load.message} actions={[{ text: '重试', onClick: () => void reload() }]} />
      ) : null}
      {load.kind === 'ok' && !load.items.length ? <StateView kind='empty' title={staff ? '没有符合条件的案件' : '还没有指派给您的案件'} /> : null}
      {load.kind === 'ok'
        ? load.items.map((c) => (
            <View
              key={c.id}
              className={`card legal-case legal-queue__item ${c.overdue ? 'legal-case--overdue' : ''}`}
              onClick={() => Taro.navigateTo({ url: DETAIL_URL(c.id) })}
            >
              <View className='legal-case__top'>
                <Text className='legal-case__category'>
                  {CATEGORY_LABELS[c.category]}
                  {c.urgent ? <Text className='legal-badge legal-badge--red legal-queue__urgent'>群体 {c.groupSize} 人</Text> : null}
                </Text>
                <Text className={`legal-badge legal-badge--${STATUS_TONE[c.status]}`}>{STATUS_LABELS[c.status]}</Text>
              </View>
              <Text className='legal-case__employer'>{c.employer}</Text>
              <Text className='muted'>
                {c.applicantName} · {c.phoneMasked} · {beijingMonthDayTime(c.submittedAt)}
              </Text>
              {c.dueAt ? (
                <Text className={c.overdue ? 'legal-queue__due legal-queue__due--over' : 'legal-queue__due'}>
                  {c.status === 'submitted' ? '受理' : '指派'}期限 {deadlineDay(c.dueAt)}
                  {c.overdue ? ' · 已逾期' : ''}
                </Text>
              ) : null}
              {staff && c.lawyerName ? <Text className='muted'>承办：{c.lawyerName}</Text> : null}
            </View>
          ))
        : null}
    </View>
  )
}

export default function QueuePage() {
  return <RoleGate spec={legalAidApi.listCases}>{(me) => <Queue staff={me.roles.includes('staff') || me.roles.includes('admin')} />}</RoleGate>
}
