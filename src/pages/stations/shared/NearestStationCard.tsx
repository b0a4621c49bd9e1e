import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fetchQuery } from '@/api/client'
import { getToken, isLocalMode } from '@/api/session'
import { formatDistance } from '@/contracts/geo'
import type { NearestStations, StationSummary } from '@/contracts/stations/schemas'
// From the module, not '@/data': the index also brings useForm and with it zod into the main package.
import { useQueryWith } from '@/data/query'
import { locateIfAllowed } from './location'
import './NearestStationCard.scss'

const STATIONS_URL = '/pages/stations/list/index'
/** far enough to find a station anywhere in the county from its centre */
const NEAREST_RADIUS_KM = 20

type Nearest = { kind: 'off' } | { kind: 'none' } | ({ kind: 'found' } & NearestStations & { nearest: StationSummary })

const detailUrl = (s: StationSummary) => `/pages/stations/detail/index?id=${encodeURIComponent(s.id)}`
const open = (url: string) => void Taro.navigateTo({ url })

/** Never an error on the home page: a failed lookup falls back to the plain card, which still opens the list. */
async function findNearest(): Promise<{ ok: true; data: Nearest }> {
  const at = await locateIfAllowed()
  if (!at) return { ok: true, data: { kind: 'off' } }
  const res = await fetchQuery('stations', 'nearest', { lat: at.lat, lng: at.lng, radiusKm: NEAREST_RADIUS_KM })
  if (!res.ok) return { ok: true, data: { kind: 'off' } }
  const { nearest, nearestOpen } = res.data
  return { ok: true, data: nearest ? { kind: 'found', nearest, nearestOpen } : { kind: 'none' } }
}

/**
 * The home page's station card: the nearest station whatever its hours (a closed one says when it opens), and when
 * that one is closed, the nearest open one under it. Without location, an invitation to the station list.
 */
export default function NearestStationCard() {
  // Signed out (local mode) the home page sends the visitor to the persona picker; asking now would send them twice.
  const enabled = !(isLocalMode() && !getToken())
  const q = useQueryWith(findNearest, [], { enabled, signedIn: false })
  const state = q.state.kind === 'ready' ? q.state.data : null
  if (!state || state.kind !== 'found') {
    const kind = state ? state.kind : 'checking'
    return (
      <View className={`card home__station home__station--${kind}`} onClick={() => open(STATIONS_URL)}>
        <View className='home__station-text'>
          <Text className='home__station-label'>户外劳动者驿站</Text>
          <Text className='home__station-desc'>
            {kind === 'off'
              ? '开启定位，查看离您最近的驿站'
              : kind === 'none'
                ? `${NEAREST_RADIUS_KM} 公里内暂无驿站，看看全部驿站`
                : '快递、外卖、环卫的朋友，累了渴了就近歇一歇'}
          </Text>
        </View>
        <Text className='home__station-go'>找附近</Text>
      </View>
    )
  }
  const { nearest: s, nearestOpen } = state
  const other = !s.openNow && nearestOpen && nearestOpen.id !== s.id ? nearestOpen : null
  return (
    <View className={`card home__station-wrap home__station--found ${s.openNow ? '' : 'home__station--closed'}`}>
      <View className='home__station' onClick={() => open(detailUrl(s))}>
        <View className='home__station-text'>
          <Text className='home__station-label'>最近驿站</Text>
          <Text className='home__station-name'>{s.name}</Text>
          <View className='home__station-meta'>
            <Text className={`home__station-open ${s.openNow ? '' : 'home__station-open--later'}`}>{s.statusText}</Text>
            {s.distanceM !== undefined ? <Text className='home__station-distance'>{formatDistance(s.distanceM)}</Text> : null}
          </View>
        </View>
        <Text className='home__station-go'>去看看</Text>
      </View>
      {other ? (
        <View className='home__station-alt' onClick={() => open(detailUrl(other))}>
          <Text className='home__station-alt-label'>最近营业中</Text>
          <Text className='home__station-alt-name'>{other.name}</Text>
          {other.distanceM !== undefined ? <Text className='home__station-alt-distance'>{formatDistance(other.distanceM)}</Text> : null}
          <Text className='home__station-alt-go'>›</Text>
        </View>
      ) : !s.openNow && !nearestOpen ? (
        <Text className='home__station-alt home__station-alt--none'>{NEAREST_RADIUS_KM} 公里内现在没有营业中的驿站</Text>
      ) : null}
    </View>
  )
}
