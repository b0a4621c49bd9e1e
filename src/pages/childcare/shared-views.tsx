import { Text, View } from '@tarojs/components'
import type { ClassSummary } from '@/contracts/childcare/schemas'
import { classLine, placesLine, STATUS_TONE } from './shared'

/** One class as a card in the parents' list and the staff's list: title, status, dates, places. */
export function ClassCard({
  c,
  className,
  onClick,
  children,
}: {
  c: ClassSummary
  className?: string
  onClick: () => void
  children?: React.ReactNode
}) {
  return (
    <View className={`card cc-class ${className ?? ''}`} onClick={onClick}>
      <View className='cc-class__top'>
        <Text className='cc-class__title'>
          <Text className='cc-term'>{c.term}</Text>
          {c.title}
        </Text>
        <Text className={`cc-badge cc-badge--${STATUS_TONE[c.status]}`}>{c.status}</Text>
      </View>
      {children ?? (
        <>
          <Text className='cc-line'>{c.site}</Text>
          <Text className='cc-line'>{classLine(c)}</Text>
          <View className='cc-class__top'>
            <Text className='cc-places'>{placesLine(c)}</Text>
            <Text className='cc-line'>
              {c.fee ? `${c.fee} 元` : '免费'}
              {c.audience === 'members' ? ' · 限会员' : ''}
            </Text>
          </View>
        </>
      )}
    </View>
  )
}
