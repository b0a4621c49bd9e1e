import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { legalAidApi } from '@/contracts/legalAid/api'
import type { CaseStatus } from '@/contracts/legalAid/schemas'
import { useQuery } from '@/data'
import CaseCard from '../shared/CaseCard'
import './index.scss'

type Filter = 'all' | 'submitted' | 'needs_docs' | 'accepted' | 'overdue' | 'in_progress'
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'submitted', label: '待受理' },
  { key: 'needs_docs', label: '待补充' },
  { key: 'accepted', label: '待指派' },
  { key: 'in_progress', label: '办理中' },
  { key: 'overdue', label: '已逾期' },
]

function Queue({ staff }: { staff: boolean }) {
  const [filter, setFilter] = useState<Filter>('all')
  const input = filter === 'overdue' ? { overdue: true } : filter === 'all' ? {} : { status: filter as CaseStatus }
  const cases = useQuery('legalAid', 'listCases', input)

  return (
    <View className='page legal-queue'>
      <View className='legal-queue__filters'>
        {FILTERS.filter((f) => staff || f.key === 'all' || f.key === 'in_progress').map((f) => (
          <Text
            key={f.key}
            className={`legal-queue__filter legal-queue__filter--${f.key} ${filter === f.key ? 'legal-queue__filter--on' : ''}`}
            onClick={() => setFilter(f.key)}
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
      <PageState query={cases} isEmpty={(d) => !d.items.length} empty={{ title: staff ? '没有符合条件的案件' : '还没有指派给您的案件' }}>
        {({ items }) => items.map((c) => <CaseCard key={c.id} c={c} official staff={staff} />)}
      </PageState>
    </View>
  )
}

export default function QueuePage() {
  return <RoleGate spec={legalAidApi.listCases}>{(me) => <Queue staff={me.roles.includes('staff') || me.roles.includes('admin')} />}</RoleGate>
}
