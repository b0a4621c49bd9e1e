import { Text, View } from '@tarojs/components'
import RoleGate from '@/components/RoleGate'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import { membershipApi } from '@/contracts/membership/api'
import type { MembershipStats } from '@/contracts/membership/schemas'
import './index.scss'

interface Bar {
  label: string
  value: number
  /** a second figure shown after the bar (e.g. feedback count) */
  extra?: string
}

/** Horizontal bars drawn with plain Views: width in % of the largest value. No chart library. */
function Bars({ rows, name, unit }: { rows: Bar[]; name: string; unit: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <View className={`bars bars--${name}`}>
      {rows.map((r) => (
        <View key={r.label} className='bars__row'>
          <Text className='bars__label'>{r.label}</Text>
          <View className='bars__track'>
            <View className='bars__fill' style={{ width: `${r.value ? Math.max(2, (r.value / max) * 100) : 0}%` }} />
          </View>
          <Text className='bars__value'>
            {r.value}
            {unit}
            {r.extra ? <Text className='bars__extra'> · {r.extra}</Text> : null}
          </Text>
        </View>
      ))}
    </View>
  )
}

function Stats() {
  const stats = useQuery('membership', 'stats', {})
  return (
    <View className='page stats'>
      <PageState query={stats} loadingText='正在统计…'>
        {(s) => <StatsView s={s} />}
      </PageState>
    </View>
  )
}

function StatsView({ s }: { s: MembershipStats }) {
  const share = s.totalMembers ? Math.round((s.newEmploymentMembers / s.totalMembers) * 100) : 0
  return (
    <>
      <View className='card stats__summary'>
        <Text className='muted'>{s.scope}及下级工会</Text>
        <View className='stats__figures'>
          <View className='stats__figure'>
            <Text className='stats__number stats__total'>{s.totalMembers}</Text>
            <Text className='muted'>会员</Text>
          </View>
          <View className='stats__figure'>
            <Text className='stats__number stats__share'>{share}%</Text>
            <Text className='muted'>新就业形态（{s.newEmploymentMembers} 人）</Text>
          </View>
        </View>
        <View className='stats__share-track'>
          <View className='stats__share-fill' style={{ width: `${share}%` }} />
        </View>
      </View>

      <Text className='section-title'>各工会会员</Text>
      <View className='card'>
        {s.byOrg.length ? (
          <Bars name='org' unit=' 人' rows={s.byOrg.map((o) => ({ label: o.org, value: o.count }))} />
        ) : (
          <Text className='muted'>还没有会员</Text>
        )}
      </View>

      <Text className='section-title'>近 12 个月入会（北京时间）</Text>
      <View className='card'>
        <Bars
          name='month'
          unit=' 人'
          rows={s.byMonth.map((m) => ({ label: `${m.month.slice(0, 4)}年${Number(m.month.slice(5))}月`, value: m.count }))}
        />
      </View>

      <Text className='section-title'>各街道驿站与反馈</Text>
      <View className='card'>
        {s.stationsByArea.length ? (
          <Bars name='area' unit=' 个驿站' rows={s.stationsByArea.map((a) => ({ label: a.area, value: a.stations, extra: `${a.reports} 条反馈` }))} />
        ) : (
          <Text className='muted'>还没有驿站</Text>
        )}
        <Text className='stats__note'>按离驿站最近的街道/乡镇中心归属。</Text>
      </View>
    </>
  )
}

export default function StatsPage() {
  return <RoleGate spec={membershipApi.stats}>{() => <Stats />}</RoleGate>
}
