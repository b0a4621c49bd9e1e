import { Text, View } from '@tarojs/components'
import { AMENITIES, type AmenityKey } from '@/contracts/stations/amenities'
import './index.scss'

interface Props {
  keys: readonly AmenityKey[]
  /** Cards show icon + short label; the detail page lists them larger. */
  size?: 'sm' | 'md'
}

export default function AmenityBadges({ keys, size = 'sm' }: Props) {
  // Contract order, not storage order, so the same amenity sits in the same place on every card.
  const shown = AMENITIES.filter((a) => keys.includes(a.key))
  if (!shown.length) return null
  return (
    <View className={`amenity-badges amenity-badges--${size}`}>
      {shown.map((a) => (
        <View key={a.key} className={`amenity-badge amenity-badge--${a.key}`}>
          <Text className='amenity-badge__icon'>{a.icon}</Text>
          <Text className='amenity-badge__label'>{a.label}</Text>
        </View>
      ))}
    </View>
  )
}
