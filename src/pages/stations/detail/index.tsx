import { beijingDay } from '@/contracts/time'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import AmenityBadges from '@/pages/stations/components/AmenityBadges'
import Btn from '@/components/Btn'
import OpenBadge from '@/pages/stations/components/OpenBadge'
import StationImage from '@/pages/stations/components/StationImage'
import PageState from '@/components/PageState'
import { fetchQuery } from '@/api/client'
import { useQueryWith } from '@/data'
import { formatDistance } from '@/contracts/geo'
import { walkingText, type StationDetail } from '@/contracts/stations/schemas'
import { groupedAmenities } from '@/contracts/stations/amenities'
import { goBackOr } from '@/utils/nav'
import { locateIfAllowed } from '../shared/location'
import OpenConfirm from './OpenConfirm'
import { seasonRangeText } from '@/contracts/stations/lifecycle'
import './index.scss'

function amapUrl(s: StationDetail): string {
  return `https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`
}

// Backing out of the map or the call sheet rejects the promise: that is the user's choice, not an error.
function navigate(s: StationDetail) {
  Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 16 }).catch(() => undefined)
}

const goBack = () => goBackOr('/pages/stations/list/index')

/** The position from the list (passed in the link) or, when location is already allowed, a fresh fix. */
async function whereAmI(params: Record<string, string | undefined>): Promise<{ lat: number; lng: number } | null> {
  const lat = Number(params.lat)
  const lng = Number(params.lng)
  if (params.lat && params.lng && Number.isFinite(lat) && Number.isFinite(lng)) return { lat, lng }
  return locateIfAllowed()
}

export default function StationDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  // Also on returning from the edit page (reload on show), so staff see what they just saved.
  const station = useQueryWith(async () => {
    const here = await whereAmI(params)
    return fetchQuery('stations', 'get', { id, ...(here ?? {}) })
  }, [id])
  useEffect(() => {
    if (station.data) void Taro.setNavigationBarTitle({ title: station.data.name }).catch(() => undefined)
  }, [station.data?.name])

  return (
    <View className='page station-detail'>
      <PageState query={station} loadingText='正在加载驿站信息…'>
        {(s) => <Detail s={s} />}
      </PageState>
      {station.state.kind === 'error' ? (
        <Btn kind='secondary' className='station-detail__back' onClick={goBack}>
          返回
        </Btn>
      ) : null}
    </View>
  )
}

function Detail({ s }: { s: StationDetail }) {
  const walk = s.distanceM !== undefined ? walkingText(s.distanceM) : null
  return (
    <>
      <View className='card station-detail__main'>
        <View className='station-detail__head'>
          <Text className='station-detail__name'>{s.name}</Text>
          <OpenBadge open={s.openNow} statusText={s.statusText} suspendedUntil={s.suspendedUntil} />
        </View>
        {s.distanceM !== undefined ? (
          <View className='station-detail__row station-detail__distance'>
            <Text className='station-detail__label'>距离</Text>
            <Text className='station-detail__value'>
              <Text className='station-detail__meters'>{formatDistance(s.distanceM)}</Text>
              {walk ? <Text className='station-detail__walk'> · {walk}</Text> : null}
            </Text>
          </View>
        ) : null}
        <View className='station-detail__row'>
          <Text className='station-detail__label'>地址</Text>
          <Text className='station-detail__value station-detail__address'>{s.address}</Text>
        </View>
        <View className='station-detail__row'>
          <Text className='station-detail__label'>开放</Text>
          <Text className='station-detail__value station-detail__hours'>{s.season ? s.season.hours : s.hours}</Text>
        </View>
        {s.seasons.length ? (
          <View className='station-detail__row station-detail__seasons'>
            <Text className='station-detail__label'>时段</Text>
            <View className='station-detail__value'>
              {s.seasons.map((x) => (
                <Text key={x.from} className={`station-detail__season ${s.season?.from === x.from ? 'station-detail__season--now' : ''}`}>
                  {x.name || '季节时段'} {seasonRangeText(x)} {x.hours}
                  {s.season?.from === x.from ? '（现行）' : ''}
                </Text>
              ))}
              <Text className='muted station-detail__season'>其余日子 {s.hours}</Text>
            </View>
          </View>
        ) : null}
        {s.validTo ? (
          <View className='station-detail__row station-detail__valid'>
            <Text className='station-detail__label'>期限</Text>
            <Text className='station-detail__value'>{s.expired ? `已于 ${s.validTo} 到期` : `开放至 ${s.validTo}`}</Text>
          </View>
        ) : null}
        {s.suspendedUntil ? (
          <View className='station-detail__row station-detail__suspended'>
            <Text className='station-detail__label'>暂停</Text>
            <Text className='station-detail__value'>暂停开放，{s.suspendedUntil} 起恢复</Text>
          </View>
        ) : null}
        {s.phone ? (
          <View
            className='station-detail__row station-detail__phone'
            onClick={() => void Taro.makePhoneCall({ phoneNumber: s.phone }).catch(() => undefined)}
          >
            <Text className='station-detail__label'>电话</Text>
            <Text className='station-detail__value station-detail__link'>{s.phone}</Text>
            <Text className='station-detail__call'>拨打</Text>
          </View>
        ) : null}
      </View>

      {s.photos.length ? (
        <ScrollView scrollX className='station-detail__photos'>
          {s.photos.map((p) => (
            <StationImage
              key={p.id}
              url={p.url}
              className='station-detail__photo'
              onClick={() => void Taro.previewImage({ current: p.url, urls: s.photos.map((x) => x.url) }).catch(() => undefined)}
            />
          ))}
        </ScrollView>
      ) : null}

      <OpenConfirm stationId={s.id} confirmedOpenAt={s.confirmedOpenAt} />

      <View className='card station-detail__amenities'>
        <Text className='section-title station-detail__section'>设施与服务</Text>
        {s.amenities.length ? (
          groupedAmenities(s.amenities).map((g) => (
            <View key={g.key} className={`station-detail__amenity-group station-detail__amenity-group--${g.key}`}>
              <Text className='station-detail__amenity-group-title'>{g.label}</Text>
              <AmenityBadges keys={g.items.map((a) => a.key)} size='md' />
            </View>
          ))
        ) : (
          <Text className='muted'>站点暂未登记设施信息</Text>
        )}
      </View>

      <View className='card station-detail__nav'>
        <Text className='section-title station-detail__section'>怎么去</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Btn className='station-detail__navigate' onClick={() => navigate(s)}>
            导航
          </Btn>
        ) : (
          <View className='station-detail__h5nav'>
            <Text className='station-detail__navhint'>在地图中查看位置并规划路线</Text>
            <a className='station-detail__amap' href={amapUrl(s)} target='_blank' rel='noopener noreferrer'>
              在高德地图中打开
            </a>
          </View>
        )}
      </View>

      <View className='row-actions'>
        <Btn
          kind='secondary'
          className='station-detail__report'
          onClick={() => Taro.navigateTo({ url: `/pages/stations/report/index?id=${encodeURIComponent(s.id)}&name=${encodeURIComponent(s.name)}` })}
        >
          反馈问题
        </Btn>
        {s.canEdit ? (
          <Btn
            kind='ghost'
            className='station-detail__edit'
            onClick={() => Taro.navigateTo({ url: `/pages/stations/edit/index?id=${encodeURIComponent(s.id)}` })}
          >
            编辑
          </Btn>
        ) : null}
      </View>

      {s.updatedAt ? <Text className='footnote'>信息更新于 {beijingDay(s.updatedAt)}</Text> : null}
    </>
  )
}
