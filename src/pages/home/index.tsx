import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { MeError } from '@/components/MeGate'
import { call } from '@/api/client'
import { getToken, isLocalMode } from '@/api/session'
import type { AnnouncementSummary } from '@/contracts/messages/schemas'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { DOMAINS, WORKBENCH_URL, type DomainEntry } from '@/domains'
import { iconFor } from '@/assets/icons'
import workbenchIcon from '@/assets/icons/workbench.png'
import { beijingDay } from '@/contracts/time'
// The station card (nearest, and nearest open when that one is closed) belongs to the stations domain.
import NearestStationCard from '@/pages/stations/shared/NearestStationCard'
import './index.scss'

const ANNOUNCEMENTS_URL = '/pages/messages/announcements/index'
const HOTLINE = '12351'

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

  const loadNotices = async () => {
    const res = await call('messages', 'announcements', { page: 1, pageSize: 2 })
    setNoticesFailed(!res.ok)
    if (res.ok) setNotices(res.data.items)
  }

  useDidShow(() => {
    // Signed out (local mode), useMe sends the visitor to the persona picker; calling now would send them twice.
    if (isLocalMode() && !getToken()) return
    void loadNotices()
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

        <NearestStationCard />

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
