import { Text, View } from '@tarojs/components'

/**
 * A bar chart drawn with plain views: 6–14 bars with a count on top. Chart libraries that build for weapp (ECharts
 * for WeChat ≈ 1 MB, F2 ≈ 150 KB) cost more than the whole 驿站 package for this; these bars cost nothing.
 */
export default function Bars({ bars }: { bars: Array<{ label: string; count: number }> }) {
  const max = Math.max(1, ...bars.map((b) => b.count))
  return (
    <View className='visit-bars'>
      {bars.map((b, i) => (
        <View key={`${b.label}-${i}`} className='visit-bars__col'>
          <Text className='visit-bars__count'>{b.count || ''}</Text>
          <View className='visit-bars__track'>
            <View className={`visit-bars__bar ${b.count ? '' : 'visit-bars__bar--zero'}`} style={{ height: `${(b.count / max) * 100}%` }} />
          </View>
          <Text className='visit-bars__label'>{b.label}</Text>
        </View>
      ))}
    </View>
  )
}
