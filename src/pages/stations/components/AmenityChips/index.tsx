import { ScrollView, Text, View } from '@tarojs/components'
import { AMENITIES, type AmenityKey } from '@/contracts/stations/amenities'
import './index.scss'

interface Props {
  value: readonly AmenityKey[]
  onChange: (next: AmenityKey[]) => void
  disabled?: boolean
  /** One swipeable row instead of wrapping lines: the list page keeps its results above the fold. */
  scroll?: boolean
}

/** Multi-select amenity toggles, used for list filters and for the station form. */
export default function AmenityChips({ value, onChange, disabled, scroll }: Props) {
  const toggle = (key: AmenityKey) => {
    if (disabled) return
    const next = value.includes(key) ? value.filter((k) => k !== key) : [...value, key]
    // Keep contract order so the request (and any cache key built from it) is stable.
    onChange(AMENITIES.map((a) => a.key).filter((k) => next.includes(k)))
  }
  const chips = (
    <View className={`amenity-chips ${scroll ? 'amenity-chips--scroll' : ''}`}>
      {AMENITIES.map((a) => {
        const on = value.includes(a.key)
        return (
          <View key={a.key} className={`amenity-chip amenity-chip--${a.key} ${on ? 'amenity-chip--on' : ''}`} onClick={() => toggle(a.key)}>
            <Text className='amenity-chip__icon'>{a.icon}</Text>
            <Text className='amenity-chip__label'>{a.label}</Text>
          </View>
        )
      })}
    </View>
  )
  return scroll ? (
    <ScrollView scrollX className='amenity-chips-scroll' showScrollbar={false}>
      {chips}
    </ScrollView>
  ) : (
    chips
  )
}
