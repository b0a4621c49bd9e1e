import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MeError } from '@/components/MeGate'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { DOMAINS, WORKBENCH_URL, type DomainEntry } from '@/domains'
import { iconFor } from '@/assets/icons'
import workbenchIcon from '@/assets/icons/workbench.png'
import './index.scss'

function open(url: string) {
  Taro.navigateTo({ url })
}

/** The tile's icon; a domain without a drawing yet shows the first character of its name. */
function TileMark({ domain }: { domain: DomainEntry }) {
  const src = iconFor(domain.icon)
  return (
    <View className='service-tile__mark'>
      {src ? <Image className='service-tile__icon' src={src} mode='aspectFit' /> : <Text className='service-tile__char'>{domain.name.slice(0, 1)}</Text>}
    </View>
  )
}

export default function Home() {
  const { me, error, reload } = useMe()

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__brand'>工惠 · 职工之家</Text>
        <Text className='home__greeting'>{me ? `你好，${me.name || '职工朋友'}` : '你好'}</Text>
        <Text className='home__slogan'>工会服务，一站办理</Text>
      </View>

      <View className='home__body'>
        <MeError error={error} onRetry={reload} />

        <View className='card home__banner' onClick={() => open('/pages/stations/list/index')}>
          <View className='home__banner-text'>
            <Text className='home__banner-title'>户外劳动者驿站</Text>
            <Text className='home__banner-desc'>快递、外卖、环卫的朋友，累了渴了就近歇一歇</Text>
          </View>
          <Text className='home__banner-go'>找附近</Text>
        </View>

        <Text className='section-title'>服务</Text>
        <View className='card home__grid'>
          {DOMAINS.map(({ home, ...d }) =>
            home ? (
              <View key={d.key} className={`service-tile service-tile--${d.key} ${home.open ? '' : 'service-tile--soon'}`} onClick={() => open(home.url)}>
                <TileMark domain={{ ...d, home }} />
                <Text className='service-tile__title'>{d.name}</Text>
                <Text className='service-tile__desc'>{home.open ? home.subtitle : '即将开放'}</Text>
              </View>
            ) : null,
          )}
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
