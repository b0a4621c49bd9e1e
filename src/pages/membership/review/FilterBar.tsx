import { beijingDay } from '@/contracts/time'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Filters, NewEmploymentFilter, StatusFilter } from './filters'

const TABS: { key: StatusFilter; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '已驳回' },
  { key: 'revoked', label: '已注销' },
  { key: 'transferred_out', label: '已转出' },
  { key: 'all', label: '全部' },
]

const NEW_EMPLOYMENT: { key: NewEmploymentFilter; label: string }[] = [
  { key: 'all', label: '不限' },
  { key: 'yes', label: '新就业形态' },
  { key: 'no', label: '单位职工' },
]

/** Today in Beijing, the upper bound of both date pickers. */
function today(): string {
  return beijingDay()
}

interface Props {
  value: Filters
  onChange: (next: Filters) => void
}

export default function FilterBar({ value, onChange }: Props) {
  const max = today()
  const setDate = (key: 'from' | 'to', date: string) => {
    const next = { ...value, [key]: date }
    if (next.from && next.to && next.from > next.to) {
      Taro.showToast({ title: '开始日期不能晚于结束日期', icon: 'none' })
      return
    }
    onChange(next)
  }

  return (
    <View className='app-filters'>
      <View className='app-tabs'>
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`app-tabs__tab app-tabs__tab--${t.key} ${value.status === t.key ? 'app-tabs__tab--on' : ''}`}
            onClick={() => value.status !== t.key && onChange({ ...value, status: t.key })}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className='app-filters__row'>
        <Text className='app-filters__label'>类型</Text>
        {NEW_EMPLOYMENT.map((n) => (
          <Text
            key={n.key}
            className={`app-filters__chip app-filters__chip--${n.key} ${value.newEmployment === n.key ? 'app-filters__chip--on' : ''}`}
            onClick={() => value.newEmployment !== n.key && onChange({ ...value, newEmployment: n.key })}
          >
            {n.label}
          </Text>
        ))}
      </View>

      <View className='app-filters__row'>
        <Text className='app-filters__label'>提交</Text>
        <Picker mode='date' value={value.from || max} end={value.to || max} onChange={(e) => setDate('from', e.detail.value)}>
          <Text className={`app-filters__date app-filters__from ${value.from ? 'app-filters__date--set' : ''}`}>{value.from || '开始日期'}</Text>
        </Picker>
        <Text className='app-filters__dash'>至</Text>
        <Picker mode='date' value={value.to || max} start={value.from} end={max} onChange={(e) => setDate('to', e.detail.value)}>
          <Text className={`app-filters__date app-filters__to ${value.to ? 'app-filters__date--set' : ''}`}>{value.to || '结束日期'}</Text>
        </Picker>
        {value.from || value.to ? (
          <Text className='app-filters__clear' onClick={() => onChange({ ...value, from: undefined, to: undefined })}>
            清除
          </Text>
        ) : null}
      </View>
    </View>
  )
}
