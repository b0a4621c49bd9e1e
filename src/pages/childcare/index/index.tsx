import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { ensureSignedIn } from '@/api/session'
import type { ClassSummary } from '@/contracts/childcare/schemas'
import type { ApiError } from '@/contracts/result'
import { CC, classLine, placesLine, STATUS_TONE } from '../shared'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: ClassSummary[] }

/** 暑期托管: the classes of the coming summer, with places left and when booking opens. */
export default function ChildcareListPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const fetchList = async () => {
    const res = await call('childcare', 'listClasses')
    setLoad(res.ok ? { kind: 'ready', items: res.data.items } : { kind: 'error', error: res.error })
  }
  useDidShow(() => {
    if (!ensureSignedIn()) return
    void fetchList()
  })

  return (
    <View className='page cc-list'>
      <View className='card cc-head'>
        <Text className='cc-title'>职工子女暑期托管</Text>
        <Text className='muted'>先添加孩子信息，到开放时间再报名。每个班的报名规则都写在详情页里。</Text>
        <View className='cc-links'>
          <Btn size='sm' kind='secondary' className='cc-list__children' onClick={() => Taro.navigateTo({ url: CC.children })}>
            孩子信息
          </Btn>
          <Btn size='sm' kind='secondary' className='cc-list__mine' onClick={() => Taro.navigateTo({ url: CC.mine })}>
            我的预约
          </Btn>
        </View>
      </View>
      {load.kind === 'loading' ? <StateView kind='loading' title='正在加载托管班…' /> : null}
      {load.kind === 'error' ? (
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchList() }]} />
      ) : null}
      {load.kind === 'ready' && !load.items.length ? (
        <StateView kind='empty' title='暂时没有托管班' detail='工会发布暑期托管班后会显示在这里。' />
      ) : null}
      {load.kind === 'ready'
        ? load.items.map((c) => (
            <View key={c.id} className='card cc-class' onClick={() => Taro.navigateTo({ url: CC.cls(c.id) })}>
              <View className='cc-class__top'>
                <Text className='cc-class__title'>{c.title}</Text>
                <Text className={`cc-badge cc-badge--${STATUS_TONE[c.status]}`}>{c.status}</Text>
              </View>
              <Text className='cc-line'>{c.site}</Text>
              <Text className='cc-line'>{classLine(c)}</Text>
              <View className='cc-class__top'>
                <Text className='cc-places'>{placesLine(c)}</Text>
                <Text className='cc-line'>
                  {c.fee ? `${c.fee} 元` : '免费'}
                  {c.audience === 'members' ? ' · 限会员' : ''}
                </Text>
              </View>
            </View>
          ))
        : null}
    </View>
  )
}
