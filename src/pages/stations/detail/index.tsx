import { beijingDay } from '@/contracts/time'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import AmenityBadges from '@/pages/stations/components/AmenityBadges'
import Btn from '@/components/Btn'
import OpenBadge from '@/pages/stations/components/OpenBadge'
import StationImage from '@/pages/stations/components/StationImage'
import StateView from '@/components/StateView'
import type { ApiError } from '@/contracts/result'
import type { StationDetail } from '@/contracts/stations/schemas'
import { ensureSignedIn } from '@/api/session'
import { goBackOr } from '@/utils/nav'
import { getStation } from '../shared/api'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; station: StationDetail }

function amapUrl(s: StationDetail): string {
  return `https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`
}

// Backing out of the map or the call sheet rejects the promise: that is the user's choice, not an error.
function navigate(s: StationDetail) {
  Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 16 }).catch(() => undefined)
}

const goBack = () => goBackOr('/pages/stations/list/index')

export default function StationDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const [state, setState] = useState<State>({ kind: 'loading' })
  const loadedOnce = useRef(false)

  const load = async (quiet: boolean) => {
    if (!id) {
      setState({ kind: 'error', error: { code: 'NOT_FOUND', message: '缺少驿站编号' } })
      return
    }
    if (!quiet) setState({ kind: 'loading' })
    const res = await getStation(id)
    if (res.ok) {
      loadedOnce.current = true
      setState({ kind: 'ready', station: res.data })
      Taro.setNavigationBarTitle({ title: res.data.name })
    } else if (!quiet) {
      setState({ kind: 'error', error: res.error })
    }
  }

  // Also on returning from the edit page, so staff see what they just saved.
  useDidShow(() => {
    if (!ensureSignedIn()) return
    void load(loadedOnce.current)
  })

  if (state.kind === 'loading') {
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载驿站信息…' />
      </View>
    )
  }
  if (state.kind === 'error') {
    const missing = state.error.code === 'NOT_FOUND'
    return (
      <View className='page'>
        <StateView
          kind='error'
          title={missing ? '驿站不存在或已下线' : '加载失败'}
          detail={state.error.message}
          actions={
            missing
              ? [{ text: '返回', onClick: goBack }]
              : [
                  { text: '重试', onClick: () => void load(false) },
                  { text: '返回', onClick: goBack, kind: 'secondary' },
                ]
          }
        />
      </View>
    )
  }

  const s = state.station
  return (
    <View className='page station-detail'>
      <View className='card station-detail__main'>
        <View className='station-detail__head'>
          <Text className='station-detail__name'>{s.name}</Text>
          <OpenBadge open={s.openNow} statusText={s.statusText} suspendedUntil={s.suspendedUntil} />
        </View>
        <View className='station-detail__row'>
          <Text className='station-detail__label'>地址</Text>
          <Text className='station-detail__value station-detail__address'>{s.address}</Text>
        </View>
        <View className='station-detail__row'>
          <Text className='station-detail__label'>开放</Text>
          <Text className='station-detail__value station-detail__hours'>{s.hours}</Text>
        </View>
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

      <View className='card station-detail__amenities'>
        <Text className='section-title station-detail__section'>设施与服务</Text>
        {s.amenities.length ? <AmenityBadges keys={s.amenities} size='md' /> : <Text className='muted'>站点暂未登记设施信息</Text>}
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
    </View>
  )
}
