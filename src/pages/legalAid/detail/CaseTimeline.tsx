import { Text, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import type { TimelineEntry } from '@/contracts/legalAid/schemas'

export default function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <>
      <Text className='section-title'>进度</Text>
      <View className='card legal-timeline'>
        {entries.map((t, i) => (
          <View key={i} className='legal-timeline__item'>
            <View className='legal-timeline__dot' />
            <View className='legal-timeline__body'>
              <Text className='legal-timeline__note'>{t.note}</Text>
              <Text className='muted'>
                {beijingMonthDayTime(t.at)} · {t.by}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </>
  )
}
