import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Me } from '@/contracts/roles'
import { APPLICATIONS_PAGE, canReviewMembership, listApplications, VERIFY_CARD_PAGE } from './membership'
import './MembershipEntries.scss'

/** The workbench's 入会 tiles, kept out of the workbench page so adding them there is a two-line change. */
export default function MembershipEntries({ me }: { me: Me | null }) {
  const allowed = canReviewMembership(me)
  const [pending, setPending] = useState<number | null>(null)

  // A count on the tile tells a cadre whether there is anything to do without opening the queue.
  const loadCount = () => {
    if (!allowed) return
    void listApplications({ status: 'pending', newEmployment: 'all', page: 1, pageSize: 1 }).then((res) => setPending(res.ok ? res.data.total : null))
  }
  // Mounted after the page's first onShow (it waits for `me`), so load once here, then on every later show.
  useEffect(loadCount, [allowed])
  useDidShow(loadCount)

  if (!allowed) return null
  return (
    <View className='card workbench-entries'>
      <View className='workbench-entry workbench-entry--applications' onClick={() => Taro.navigateTo({ url: APPLICATIONS_PAGE })}>
        <View className='workbench-entry__mark'>会</View>
        <View className='workbench-entry__text'>
          <Text className='workbench-entry__title'>入会审核</Text>
          <Text className='workbench-entry__desc'>{pending ? `${pending} 份待审核` : '审核职工入会申请'}</Text>
        </View>
        {pending ? <Text className='workbench-entry__badge'>{pending > 99 ? '99+' : pending}</Text> : null}
      </View>
      <View className='workbench-entry workbench-entry--verify' onClick={() => Taro.navigateTo({ url: VERIFY_CARD_PAGE })}>
        <View className='workbench-entry__mark'>验</View>
        <View className='workbench-entry__text'>
          <Text className='workbench-entry__title'>会员卡核验</Text>
          <Text className='workbench-entry__desc'>扫码查验电子会员卡</Text>
        </View>
      </View>
    </View>
  )
}
