import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MeError } from '@/components/MeGate'
import StateView from '@/components/StateView'
import { ROLE_LABELS } from '@/contracts/roles'
import { isLocalMode, LOGIN_PAGE } from '@/api/session'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { DOMAINS, WORKBENCH_URL } from '@/domains'
import './index.scss'

export default function MePage() {
  const { me, error, loading, reload } = useMe()

  return (
    <View className='page me'>
      <MeError error={error} onRetry={reload} />
      {!me && loading ? <StateView kind='loading' title='正在加载…' /> : null}

      {me ? (
        <View className='card me__profile'>
          <View className='me__avatar'>{(me.name || '职').slice(0, 1)}</View>
          <View className='me__info'>
            <Text className='me__name'>{me.name || '职工朋友'}</Text>
            <View className='me__roles'>
              {me.roles.map((r) => (
                <Text key={r} className={`me__role me__role--${r}`}>
                  {ROLE_LABELS[r]}
                </Text>
              ))}
            </View>
            {me.orgs.length ? <Text className='muted me__orgs'>{me.orgs.map((o) => o.name).join('、')}</Text> : null}
          </View>
        </View>
      ) : null}

      <View className='card me__menu'>
        {isStaffLike(me) ? (
          <View className='me__item me__item--workbench' onClick={() => Taro.navigateTo({ url: WORKBENCH_URL })}>
            <Text className='me__item-text'>工作台</Text>
            <Text className='me__chevron'>›</Text>
          </View>
        ) : null}
        {DOMAINS.filter((d) => !d.home || d.home.open).flatMap((d) =>
          (d.me ?? []).map((e) => (
            <View key={e.url + e.title} className='me__item' onClick={() => Taro.navigateTo({ url: e.url })}>
              <Text className='me__item-text'>{e.title}</Text>
              <Text className='me__chevron'>›</Text>
            </View>
          )),
        )}
        <View className='me__item' onClick={() => Taro.navigateTo({ url: '/pages/stations/list/index' })}>
          <Text className='me__item-text'>附近驿站</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        {isLocalMode() ? (
          <View className='me__item me__item--switch' onClick={() => Taro.reLaunch({ url: LOGIN_PAGE })}>
            <Text className='me__item-text'>切换身份</Text>
            <Text className='muted'>本地演示</Text>
            <Text className='me__chevron'>›</Text>
          </View>
        ) : null}
        {isLocalMode() ? (
          <View className='me__item me__item--outbox' onClick={() => Taro.navigateTo({ url: '/pages/dev/outbox/index' })}>
            <Text className='me__item-text'>通知发件箱</Text>
            <Text className='muted'>本地调试</Text>
            <Text className='me__chevron'>›</Text>
          </View>
        ) : null}
      </View>

      <Text className='footnote'>工惠 · 职工之家</Text>
    </View>
  )
}
