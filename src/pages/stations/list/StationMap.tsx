import { Map, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import Btn from '@/components/Btn'
import OpenBadge from '@/pages/stations/components/OpenBadge'
import { formatDistance } from '@/contracts/geo'
import { walkingText, type StationSummary } from '@/contracts/stations/schemas'
import { pinPaths } from './pins'
import './StationMap.scss'

interface Props {
  origin: { lat: number; lng: number; fromGps: boolean }
  stations: StationSummary[]
  onOpen: (s: StationSummary) => void
}

// Backing out of WeChat's map is the user's choice, not an error.
function navigate(s: StationSummary) {
  Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 16 }).catch(() => undefined)
}

/** The weapp map of nearby stations: green pins open, grey closed; tapping a pin shows its card with 导航. */
export default function StationMap({ origin, stations, onOpen }: Props) {
  const [chosen, setChosen] = useState<StationSummary | null>(stations[0] ?? null)
  const markers = useMemo(() => {
    const pins = pinPaths()
    // Marker ids must be numbers: the index into `stations`.
    return stations.map((s, i) => ({
      id: i,
      latitude: s.lat,
      longitude: s.lng,
      iconPath: s.openNow ? pins.open : pins.closed,
      width: 32,
      height: 32,
      title: s.name,
      callout: {
        content: s.name,
        display: 'BYCLICK' as const,
        padding: 8,
        borderRadius: 8,
        borderWidth: 0,
        borderColor: '#FFFFFF',
        fontSize: 13,
        color: '#1F2329',
        bgColor: '#FFFFFF',
        anchorX: 0,
        anchorY: 0,
        textAlign: 'center' as const,
      },
    }))
  }, [stations])
  const s = chosen && stations.some((x) => x.id === chosen.id) ? chosen : (stations[0] ?? null)
  const walk = s?.distanceM !== undefined ? walkingText(s.distanceM) : null

  return (
    <View className='station-map'>
      <Map
        className='station-map__map'
        latitude={origin.lat}
        longitude={origin.lng}
        scale={15}
        showLocation={origin.fromGps}
        markers={markers}
        includePoints={[{ latitude: origin.lat, longitude: origin.lng }, ...stations.slice(0, 5).map((x) => ({ latitude: x.lat, longitude: x.lng }))]}
        onMarkerTap={(e) => setChosen(stations[Number(e.detail.markerId)] ?? null)}
        onCalloutTap={(e) => setChosen(stations[Number(e.detail.markerId)] ?? null)}
        // A map that fails to draw leaves the card and the 列表 tab; nothing to add on top.
        onError={() => undefined}
      />
      {s ? (
        <View className='card station-map__card'>
          <View className='station-map__head' onClick={() => onOpen(s)}>
            <Text className='station-map__name'>{s.name}</Text>
            <OpenBadge open={s.openNow} statusText={s.statusText} suspendedUntil={s.suspendedUntil} />
          </View>
          <Text className='station-map__meta'>
            {s.distanceM !== undefined ? `${formatDistance(s.distanceM)}${walk ? ` · ${walk}` : ''} · ` : ''}
            {s.address}
          </Text>
          <View className='row-actions station-map__actions'>
            <Btn className='station-map__navigate' onClick={() => navigate(s)}>
              导航
            </Btn>
            <Btn kind='secondary' className='station-map__detail' onClick={() => onOpen(s)}>
              详情
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  )
}
