import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MeError } from '@/components/MeGate'
import { getToken, isLocalMode } from '@/api/session'
import type { AnnouncementSummary } from '@/contracts/messages/schemas'
import { useQuery, type Query } from '@/data'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { useTodos, type Todos } from '@/hooks/useTodos'
import { useUnreadBadge } from '@/hooks/useUnreadBadge'
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

function Notices({ notices }: { notices: Query<{ items: AnnouncementSummary[]; total: number }> }) {
  const { state } = notices
  return (
    <View className='card home__notices'>
      <View className='home__notices-head'>
        <Text className='home__notices-title'>通知公告</Text>
        <Text className='home__notices-more' onClick={() => open(ANNOUNCEMENTS_URL)}>
          更多 ›
        </Text>
      </View>
      {state.kind === 'error' ? (
        <View className='home__notice home__notice--failed' onClick={() => void notices.reload()}>
          <Text className='home__notice-title muted'>公告加载失败，点此重试</Text>
        </View>
      ) : state.kind === 'loading' ? (
        <Text className='home__notice-title muted'>正在加载…</Text>
      ) : !state.data.items.length ? (
        <Text className='home__notice-title muted'>暂无公告</Text>
      ) : (
        state.data.items.map((a) => (
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

/** For staff, lawyers and keepers: the 工作台 at the top of home, saying how much waits there. */
function WorkbenchCard({ todos }: { todos: Query<Todos> }) {
  const t = todos.data
  return (
    <View className='card home__workbench' onClick={() => open(WORKBENCH_URL)}>
      <View className='home__workbench-mark'>
        <Image className='home__workbench-icon' src={workbenchIcon} mode='aspectFit' />
      </View>
      <View className='home__workbench-text'>
        <Text className='home__workbench-title'>工作台</Text>
        <Text className='home__workbench-desc'>
          {t?.open.length ? t.open[0].text + (t.open.length > 1 ? ' 等' : '') : t ? '暂无待办' : '审核、受理、处理反馈'}
        </Text>
      </View>
      {t?.total ? <Text className='home__workbench-badge'>{t.total > 99 ? '99+' : t.total} 项待办</Text> : null}
      <Text className='home__chevron'>›</Text>
    </View>
  )
}

export default function Home() {
  const { me, error, reload } = useMe()
  // Signed out (local mode), useMe alone sends the visitor to the persona picker: asking more would send them twice.
  const signedIn = !isLocalMode() || !!getToken()
  const notices = useQuery('messages', 'announcements', { page: 1, pageSize: 2 }, { enabled: signedIn })
  const staff = isStaffLike(me)
  const todos = useTodos(staff ? me!.roles : undefined)
  useUnreadBadge(signedIn)

  const tiles = DOMAINS.filter((d): d is Tile => !!d.home)

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__brand'>工惠 · 职工之家</Text>
        <Text className='home__greeting'>{me ? `你好，${me.name || '职工朋友'}` : '你好'}</Text>
        <Text className='home__slogan'>工会服务，一站办理</Text>
      </View>

      <View className='home__body'>
        <MeError error={error} onRetry={() => void reload()} />

        {staff ? <WorkbenchCard todos={todos} /> : null}

        <NearestStationCard />

        <Notices notices={notices} />

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
      </View>
    </View>
  )
}
