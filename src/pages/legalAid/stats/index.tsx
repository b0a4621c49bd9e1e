import { Text, View } from '@tarojs/components'
import RoleGate from '@/components/RoleGate'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import { legalAidApi } from '@/contracts/legalAid/api'
import type { CaseStats } from '@/contracts/legalAid/schemas'
import './index.scss'

function Bars({ rows }: { rows: { key: string; label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <View className='legal-bars'>
      {rows.map((r) => (
        <View key={r.key} className='legal-bars__row'>
          <Text className='legal-bars__label'>{r.label}</Text>
          <View className='legal-bars__track'>
            <View className='legal-bars__bar' style={{ width: `${(r.count / max) * 100}%` }} />
          </View>
          <Text className='legal-bars__count'>{r.count}</Text>
        </View>
      ))}
    </View>
  )
}

function Stats() {
  const stats = useQuery('legalAid', 'stats', {})
  return (
    <View className='page'>
      <PageState query={stats} loadingText='正在统计…' isEmpty={(d) => !d.total} empty={{ title: '还没有案件' }}>
        {(s) => <StatsView s={s} />}
      </PageState>
    </View>
  )
}

function StatsView({ s }: { s: CaseStats }) {
  const days = (d: number | null) => (d === null ? '—' : `${d} 天`)
  return (
    <View className='legal-stats'>
      <View className='legal-stats__figures'>
        <View className='card legal-stats__figure'>
          <Text className='legal-stats__value'>{s.total}</Text>
          <Text className='muted'>案件总数</Text>
        </View>
        <View className='card legal-stats__figure'>
          <Text className='legal-stats__value'>{s.amountRecovered.toLocaleString('zh-CN')}</Text>
          <Text className='muted'>挽回金额（元）</Text>
        </View>
        <View className='card legal-stats__figure'>
          <Text className='legal-stats__value'>{days(s.medianDaysToDecision)}</Text>
          <Text className='muted'>受理决定（中位数）</Text>
        </View>
        <View className='card legal-stats__figure'>
          <Text className='legal-stats__value'>{days(s.medianDaysToClose)}</Text>
          <Text className='muted'>办结（中位数）</Text>
        </View>
        <View className='card legal-stats__figure'>
          <Text className='legal-stats__value'>{s.rating.average ?? '—'}</Text>
          <Text className='muted'>满意度（{s.rating.count} 人评价）</Text>
        </View>
      </View>
      <Text className='section-title'>按案由</Text>
      <View className='card'>
        <Bars rows={s.byCategory} />
      </View>
      <Text className='section-title'>按状态</Text>
      <View className='card'>
        <Bars rows={s.byStatus} />
      </View>
      <Text className='muted legal-stats__note'>统计只含数量、天数和金额，不含任何个人信息。</Text>
    </View>
  )
}

export default function StatsPage() {
  return <RoleGate spec={legalAidApi.stats}>{() => <Stats />}</RoleGate>
}
