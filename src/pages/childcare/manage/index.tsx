import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import type { ClassSummary } from '@/contracts/childcare/schemas'
import type { ApiError } from '@/contracts/result'
import { CC, classLine, placesLine, STATUS_TONE } from '../shared'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: ClassSummary[] }

/** 托管班管理: the classes of the cadre's unions, live places and waitlist; roster, check-in, new class. */
export default function ManagePage() {
  return <RoleGate spec={childcareApi.managedClasses}>{() => <Manage />}</RoleGate>
}

function Manage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const fetchList = async () => {
    const res = await call('childcare', 'managedClasses')
    setLoad(res.ok ? { kind: 'ready', items: res.data.items } : { kind: 'error', error: res.error })
  }
  useEffect(() => void fetchList(), [])
  useDidShow(() => void fetchList())

  return (
    <View className='page cc-manage'>
      <View className='card cc-head'>
        <Text className='cc-title'>托管班管理</Text>
        <Text className='muted'>实时名额与候补；点开班级查看花名册、签到和导出。</Text>
        <View className='cc-links'>
          <Btn size='sm' className='cc-manage__new' onClick={() => Taro.navigateTo({ url: CC.edit })}>
            新建托管班
          </Btn>
          <Btn size='sm' kind='secondary' className='cc-manage__checkin' onClick={() => Taro.navigateTo({ url: CC.checkin })}>
            扫码签到
          </Btn>
        </View>
      </View>
      {load.kind === 'loading' ? <StateView kind='loading' title='正在加载…' /> : null}
      {load.kind === 'error' ? (
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchList() }]} />
      ) : null}
      {load.kind === 'ready' && !load.items.length ? <StateView kind='empty' title='还没有托管班' detail='点「新建托管班」发布第一期。' /> : null}
      {load.kind === 'ready'
        ? load.items.map((c) => (
            <View key={c.id} className='card cc-class cc-managed' onClick={() => Taro.navigateTo({ url: CC.roster(c.id) })}>
              <View className='cc-class__top'>
                <Text className='cc-class__title'>{c.title}</Text>
                <Text className={`cc-badge cc-badge--${STATUS_TONE[c.status]}`}>{c.status}</Text>
              </View>
              <Text className='cc-line'>{classLine(c)}</Text>
              <View className='cc-class__top'>
                <Text className='cc-places'>{placesLine(c)}</Text>
                <Text className='cc-line'>
                  已确认 {c.capacity - c.remaining} · 候补 {c.waiting}
                </Text>
              </View>
              <View className='row-actions'>
                <Btn size='sm' kind='ghost' onClick={() => Taro.navigateTo({ url: `${CC.edit}?id=${encodeURIComponent(c.id)}` })}>
                  编辑
                </Btn>
                <Text className='cc-line'>花名册 ›</Text>
              </View>
            </View>
          ))
        : null}
    </View>
  )
}
