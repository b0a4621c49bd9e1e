import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { MeError } from '@/components/MeGate'
import { call } from '@/api/client'
import { getToken, isLocalMode } from '@/api/session'
import { formatDistance } from '@/contracts/geo'
import type { AnnouncementSummary } from '@/contracts/messages/schemas'
import type { StationSummary } from '@/contracts/stations/schemas'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { DOMAINS, WORKBENCH_URL, type DomainEntry } from '@/domains'
import { iconFor } from '@/assets/icons'
import workbenchIcon from '@/assets/icons/workbench.png'
import { beijingDay } from '@/contracts/time'
// Only Taro and (in H5, lazily) gcoord: in the weapp build it adds about 0.5 KB to the main package's common.js.
import { locate } from '@/pages/stations/shared/location'
import './index.scss'

const STATIONS_URL = '/pages/stations/list/index'
const ANNOUNCEMENTS_URL = '/pages/messages/announcements/index'
const HOTLINE = '12351'
/** far enough to find an open station anywhere in the county from its centre */
const NEAREST_RADIUS_KM = 20

type Tile = DomainEntry & { home: NonNullable<DomainEntry['home']> }

function open(url: string) {
  Taro.navigateTo({ url })
}

/** The tile's icon; a domain without a drawing yet shows the first character of its name. */
function TileMark({ domain }: { domain: DomainEntry }) {
  const src = iconFor(domain.icon)
  return (
    <View className='service-tile__mark'>
      {src ? (
        <Image className='service-tile__icon' src={src} mode='aspectFit' />
      ) : (
        <Text className='service-tile__char'>{domain.name.slice(0, 1)}</Text>
      )}
    </View>
  )
}

/** Whether location may be read without asking: the home page never pops a permission prompt by itself. */
async function locationAllowed(): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'weapp') return (await Taro.getSetting()).authSetting['scope.userLocation'] === true
    if (typeof navigator === 'undefined' || !navigator.permissions) return false
    return (await navigator.permissions.query({ name: 'geolocation' })).state === 'granted'
  } catch {
    return false
  }
}

type Nearest = { kind: 'checking' } | { kind: 'off' } | { kind: 'none' } | { kind: 'found'; station: StationSummary }

/** The nearest open station when location is already allowed; otherwise an invitation to the station list. */
function NearestStation({ nearest }: { nearest: Nearest }) {
  const s = nearest.kind === 'found' ? nearest.station : null
  return (
    <View
      className={`card home__station home__station--${nearest.kind}`}
      onClick={() => open(s ? `/pages/stations/detail/index?id=${encodeURIComponent(s.id)}` : STATIONS_URL)}
    >
      <View className='home__station-text'>
        <Text className='home__station-label'>{s ? '最近驿站' : '户外劳动者驿站'}</Text>
        {s ? (
          <>
            <Text className='home__station-name'>{s.name}</Text>
            <View className='home__station-meta'>
              <Text className='home__station-open'>营业中</Text>
              {s.distanceM !== undefined ? <Text className='home__station-distance'>{formatDistance(s.distanceM)}</Text> : null}
            </View>
          </>
        ) : (
          <Text className='home__station-desc'>
            {nearest.kind === 'off'
              ? '开启定位，查看离您最近的驿站'
              : nearest.kind === 'none'
                ? `${NEAREST_RADIUS_KM} 公里内暂无营业中的驿站，看看全部驿站`
                : '快递、外卖、环卫的朋友，累了渴了就近歇一歇'}
          </Text>
        )}
      </View>
      <Text className='home__station-go'>{s ? '去看看' : '找附近'}</Text>
    </View>
  )
}

function Notices({ items, failed, onRetry }: { items: AnnouncementSummary[] | null; failed: boolean; onRetry: () => void }) {
  return (
    <View className='card home__notices'>
      <View className='home__notices-head'>
        <Text className='home__notices-title'>通知公告</Text>
        <Text className='home__notices-more' onClick={() => open(ANNOUNCEMENTS_URL)}>
          更多 ›
        </Text>
      </View>
      {failed ? (
        <View className='home__notice home__notice--failed' onClick={onRetry}>
          <Text className='home__notice-title muted'>公告加载失败，点此重试</Text>
        </View>
      ) : items === null ? (
        <Text className='home__notice-title muted'>正在加载…</Text>
      ) : !items.length ? (
        <Text className='home__notice-title muted'>暂无公告</Text>
      ) : (
        items.map((a) => (
          <View key={a.id} className='home__notice' onClick={() => open(`/pages/messages/announcement/index?id=${encodeURIComponent(a.id)}`)}>
            {a.pinned ? <Text className='home__notice-pin'>置顶</Text> : null}
            <Text className='home__notice-title'>{a.title}</Text>
            <Text className='home__notice-date'>{beijingDay(a.publishedAt).slice(5)}</Text>
          </View>
        ))
      )}
      <View className='home__hotline' onClick={() => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}>
        <Text className='home__hotline-mark'>☎</Text>
        <View className='home__hotline-text'>
          <Text className='home__hotline-title'>{HOTLINE} 职工服务热线</Text>
          <Text className='muted'>维权咨询 · 24 小时</Text>
        </View>
        <Text className='home__hotline-call'>拨打</Text>
      </View>
    </View>
  )
}

export default function Home() {
  const { me, error, reload } = useMe()
  const [notices, setNotices] = useState<AnnouncementSummary[] | null>(null)
  const [noticesFailed, setNoticesFailed] = useState(false)
  const [nearest, setNearest] = useState<Nearest>({ kind: 'checking' })
  const seq = useRef(0)

  const loadNotices = async () => {
    const res = await call('messages', 'announcements', { page: 1, pageSize: 2 })
    setNoticesFailed(!res.ok)
    if (res.ok) setNotices(res.data.items)
  }

  const loadNearest = async () => {
    const mine = ++seq.current
    if (!(await locationAllowed())) return mine === seq.current && setNearest({ kind: 'off' })
    const at = await locate()
    if (!at.ok) return mine === seq.current && setNearest({ kind: 'off' })
    const res = await call('stations', 'nearby', { lat: at.lat, lng: at.lng, radiusKm: NEAREST_RADIUS_KM, limit: 1, openNow: true })
    if (mine !== seq.current) return
    // A failed lookup falls back to the plain card, which still opens the list.
    setNearest(res.ok ? (res.data.items[0] ? { kind: 'found', station: res.data.items[0] } : { kind: 'none' }) : { kind: 'off' })
  }

  useDidShow(() => {
    // Signed out (local mode), useMe sends the visitor to the persona picker; calling now would send them twice.
    if (isLocalMode() && !getToken()) return
    void loadNotices()
    void loadNearest()
  })

  const tiles = DOMAINS.filter((d): d is Tile => !!d.home)

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__brand'>工惠 · 职工之家</Text>
        <Text className='home__greeting'>{me ? `你好，${me.name || '职工朋友'}` : '你好'}</Text>
        <Text className='home__slogan'>工会服务，一站办理</Text>
      </View>

      <View className='home__body'>
        <MeError error={error} onRetry={reload} />

        <NearestStation nearest={nearest} />

        <Notices items={notices} failed={noticesFailed} onRetry={() => void loadNotices()} />

        <Text className='section-title'>服务</Text>
        <View className='card home__grid'>
          {tiles.map((d) => (
            <View
              key={d.key}
              className={`service-tile service-tile--${d.key} ${d.home.open ? '' : 'service-tile--soon'}`}
              onClick={() => open(d.home.url)}
            >
              <TileMark domain={d} />
              <Text className='service-tile__title'>{d.name}</Text>
              <Text className='service-tile__desc'>{d.home.open ? d.home.subtitle : '即将开放'}</Text>
            </View>
          ))}
        </View>

        {isStaffLike(me) ? (
          <View className='card home__workbench' onClick={() => open(WORKBENCH_URL)}>
            <View className='home__workbench-mark'>
              <Image className='home__workbench-icon' src={workbenchIcon} mode='aspectFit' />
            </View>
            <View className='home__workbench-text'>
              <Text className='home__workbench-title'>工作台</Text>
              <Text className='muted'>管理驿站、处理职工申请</Text>
            </View>
            <Text className='home__chevron'>›</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
