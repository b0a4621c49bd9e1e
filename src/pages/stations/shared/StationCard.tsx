import { Text, View } from '@tarojs/components'
import AmenityBadges from '@/pages/stations/components/AmenityBadges'
import OpenBadge from '@/pages/stations/components/OpenBadge'
import { formatDistance } from '@/contracts/geo'
import type { StationSummary } from '@/contracts/stations/schemas'
import './StationCard.scss'

export default function StationCard({ station, onOpen }: { station: StationSummary; onOpen: (s: StationSummary) => void }) {
  return (
    <View className='card station-card' onClick={() => onOpen(station)}>
      <View className='station-card__head'>
        <Text className='station-card__name'>{station.name}</Text>
        {station.distanceM !== undefined ? <Text className='station-card__distance'>{formatDistance(station.distanceM)}</Text> : null}
      </View>
      <View className='station-card__hours'>
        <OpenBadge open={station.openNow} statusText={station.statusText} suspendedUntil={station.suspendedUntil} />
        <Text className='station-card__hours-text'>{station.season ? station.season.hours : station.hours}</Text>
      </View>
      <Text className='station-card__address'>{station.address}</Text>
      <AmenityBadges keys={station.amenities} />
    </View>
  )
}
