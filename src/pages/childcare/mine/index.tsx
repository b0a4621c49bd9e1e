import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { askForNotices } from '@/api/subscribe'
import { ensureSignedIn } from '@/api/session'
import type { MyBooking } from '@/contracts/childcare/schemas'
import type { ApiError } from '@/contracts/result'
import { BOOKING_LABEL, CC } from '../shared'
import './index.scss'
import { beijingDateTime } from '@/contracts/time'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: MyBooking[] }
const TONE: Record<MyBooking['status'], string> = { confirmed: 'green', waitlisted: 'amber', offered: 'red', applied: 'grey' }

/** 我的预约: a check-in QR per confirmed place, the waitlist position, offers to accept, cancel before the deadline. */
export default function MyBookingsPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const fetchList = async () => {
    const res = await call('childcare', 'myBookings')
    setLoad(res.ok ? { kind: 'ready', items: res.data.items } : { kind: 'error', error: res.error })
  }
  useDidShow(() => {
    if (!ensureSignedIn()) return
    void fetchList()
  })

  const cancel = async (b: MyBooking) => {
    const { confirm } = await Taro.showModal({
      title: '取消这个预约？',
      content: `${b.childName} · ${b.classTitle}\n取消后名额会给候补或其他家长，不能恢复。`,
      confirmText: '取消预约',
      confirmColor: '#C8102E',
      cancelText: '不取消',
    })
    if (!confirm) return
    const res = await call('childcare', 'cancel', { bookingId: b.id })
    if (!res.ok) return void Taro.showModal({ title: '没有取消', content: res.error.message, showCancel: false, confirmText: '知道了' })
    Taro.showToast({ title: '已取消', icon: 'success', duration: 800 })
    void fetchList()
  }

  const accept = async (b: MyBooking) => {
    // Accepting is the next tap on this booking: renew the one-time subscription for what the booking sends next.
    await askForNotices(['childcare_offer', 'childcare_offer_expired', 'childcare_lottery'])
    const res = await call('childcare', 'acceptOffer', { bookingId: b.id })
    if (!res.ok) Taro.showModal({ title: '没有确认', content: res.error.message, showCancel: false, confirmText: '知道了' })
    void fetchList()
  }

  if (load.kind === 'loading')
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  if (load.kind === 'error')
    return (
      <View className='page'>
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchList() }]} />
      </View>
    )
  if (!load.items.length) {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          className='cc-mine__empty'
          title='还没有预约'
          detail='报名成功或候补后会显示在这里。'
          actions={[{ text: '去看看托管班', onClick: () => Taro.redirectTo({ url: CC.list }) }]}
        />
      </View>
    )
  }
  return (
    <View className='page cc-mine'>
      {load.items.map((b) => (
        <View key={b.id} className={`card cc-class cc-booking cc-booking--${b.status}`}>
          <View className='cc-class__top'>
            <Text className='cc-class__title'>
              {b.childName} · {b.classTitle}
            </Text>
            <Text className={`cc-badge cc-badge--${TONE[b.status]} cc-booking__status`}>{BOOKING_LABEL[b.status]}</Text>
          </View>
          <Text className='cc-line'>
            {b.site} · {b.startDate} 至 {b.endDate} · {b.dailyHours}
          </Text>
          {b.status === 'waitlisted' ? <Text className='cc-places cc-booking__position'>候补第 {b.position} 位</Text> : null}
          {b.status === 'offered' && b.offerExpiresAt ? (
            <View className='cc-result cc-result--wait'>有名额空出，请在 {beijingDateTime(b.offerExpiresAt)} 前确认，过期顺延给下一位</View>
          ) : null}
          {b.status === 'confirmed' && b.qr ? (
            <>
              <Image className='cc-qr' src={b.qr} mode='aspectFit' />
              <Text className='cc-code cc-booking__code'>{b.code}</Text>
              <Text className='muted'>每天入园时请老师扫码签到（已签到 {b.checkins.length} 天）</Text>
            </>
          ) : null}
          <View className='row-actions'>
            {b.status === 'offered' ? (
              <Btn size='sm' className='cc-booking__accept' onClick={() => void accept(b)}>
                确认名额
              </Btn>
            ) : null}
            {b.canCancel ? (
              <Btn size='sm' kind='ghost' className='cc-booking__cancel' onClick={() => void cancel(b)}>
                取消预约
              </Btn>
            ) : (
              <Text className='muted'>已过取消截止时间</Text>
            )}
          </View>
          {b.canCancel && (b.status === 'confirmed' || b.status === 'offered') ? (
            <Text className='muted'>{beijingDateTime(b.cancelBefore)} 前可取消</Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
