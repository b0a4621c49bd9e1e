import { Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { stationsApi } from '@/contracts/stations/api'
import { VISIT_PERIODS, type VisitPeriod, type VisitStats } from '@/contracts/stations/visits'
import { useQuery } from '@/data'
import Bars from './Bars'
import './index.scss'

/** 驿站服务人次: visits by day, week or month and by occupation, as counts; keepers their station, staff their org. */
export default function VisitsPage() {
  return <RoleGate spec={stationsApi.visitStats}>{() => <Visits />}</RoleGate>
}

function Visits() {
  const { params } = useRouter()
  const [period, setPeriod] = useState<VisitPeriod>('day')
  const [stationId, setStationId] = useState<string | undefined>(params.id ? decodeURIComponent(params.id) : undefined)
  const stats = useQuery('stations', 'visitStats', { period, ...(stationId ? { stationId } : {}) }, { keepPrevious: true })

  return (
    <View className='page station-visits'>
      <PageState query={stats} loadingText='正在统计…'>
        {(s) => <StatsView s={s} period={period} onPeriod={setPeriod} onStation={setStationId} />}
      </PageState>
    </View>
  )
}

interface ViewProps {
  s: VisitStats
  period: VisitPeriod
  onPeriod: (p: VisitPeriod) => void
  onStation: (id: string | undefined) => void
}

function StatsView({ s, period, onPeriod, onStation }: ViewProps) {
  // Staff may look at their whole org (no station) or one station; keepers only at their stations.
  const choices = s.scope.stationId === null || s.stations.length > 1 ? s.stations : []
  const names = ['全部驿站', ...choices.map((c) => c.name)]
  // The heading describes the figures on screen, which lag the tab until the new ones come.
  const unit = VISIT_PERIODS.find((p) => p.key === s.period)!
  const occupationTotal = s.byOccupation.reduce((a, o) => a + o.count, 0)
  return (
    <>
      <View className='card station-visits__county'>
        <Text className='station-visits__county-label'>全县驿站今日服务人次</Text>
        <Text className='station-visits__county-count'>{s.countyToday}</Text>
      </View>

      <View className='card station-visits__head'>
        <View className='station-visits__scope'>
          <Text className='station-visits__scope-name'>{s.scope.name}</Text>
          {choices.length ? (
            <Picker
              mode='selector'
              range={names}
              onChange={(e) => onStation(Number(e.detail.value) === 0 ? undefined : choices[Number(e.detail.value) - 1].id)}
            >
              <Text className='station-visits__switch'>切换驿站 ›</Text>
            </Picker>
          ) : null}
        </View>
        <View className='station-visits__tabs'>
          {VISIT_PERIODS.map((p) => (
            <View
              key={p.key}
              className={`station-visits__tab station-visits__tab--${p.key} ${p.key === period ? 'station-visits__tab--on' : ''}`}
              onClick={() => onPeriod(p.key)}
            >
              {p.label}
            </View>
          ))}
        </View>
        <Text className='station-visits__total'>
          近 {unit.count} {s.period === 'day' ? '天' : s.period === 'week' ? '周' : '个月'}共{' '}
          <Text className='station-visits__total-count'>{s.total}</Text> 人次
        </Text>
        <Bars bars={s.bars.map((b) => ({ label: b.label, count: b.count }))} />
      </View>

      <View className='card station-visits__occupations'>
        <Text className='section-title'>按职业（同期）</Text>
        {occupationTotal ? (
          s.byOccupation
            .filter((o) => o.count > 0)
            .map((o) => (
              <View key={o.key} className={`station-visits__occ station-visits__occ--${o.key}`}>
                <Text className='station-visits__occ-label'>{o.label}</Text>
                <View className='station-visits__occ-track'>
                  <View className='station-visits__occ-fill' style={{ width: `${Math.max(2, (o.count / occupationTotal) * 100)}%` }} />
                </View>
                <Text className='station-visits__occ-count'>
                  {o.count}（{Math.round((o.count / occupationTotal) * 100)}%）
                </Text>
              </View>
            ))
        ) : (
          <Text className='muted'>这段时间还没有签到。把门口二维码贴出来，工友扫码即可签到。</Text>
        )}
      </View>
      <Text className='footnote'>只统计人次，不含任何个人信息；同一人 4 小时内在同一驿站只记一次。</Text>
    </>
  )
}
