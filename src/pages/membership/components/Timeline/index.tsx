import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@/contracts/membership/schemas'
import { formatDateTime, timelineLabel } from '@/utils/membership'
import './index.scss'

/** Newest first: the question people bring is "what happened last". */
/** `showBy`: staff pages show who made each decision. */
export default function Timeline({ entries, showBy = false }: { entries: TimelineEntry[]; showBy?: boolean }) {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  if (!sorted.length) return null
  return (
    <View className='timeline'>
      {sorted.map((e, i) => (
        <View key={`${e.at}-${e.status}-${i}`} className={`timeline__item timeline__item--${e.status} ${i === 0 ? 'timeline__item--latest' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__title'>{timelineLabel(e.status)}</Text>
              <Text className='timeline__time'>{formatDateTime(e.at)}</Text>
            </View>
            {e.note ? <Text className='timeline__note'>{e.note}</Text> : null}
            {showBy && e.by ? <Text className='timeline__by'>经办：{e.by}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
