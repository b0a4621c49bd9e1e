import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { askForNotices } from '@/api/subscribe'
import { useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import type { MyBooking } from '@/contracts/childcare/schemas'
import { BOOKING_LABEL, CC } from '../shared'
import type { ClaimView } from '@/contracts/childcare/priority'
import './index.scss'
import { beijingDateTime } from '@/contracts/time'

const TONE: Record<MyBooking['status'], string> = { confirmed: 'green', waitlisted: 'amber', offered: 'red', applied: 'grey' }

/** 我的预约: a check-in QR per confirmed place, the waitlist position, offers to accept, cancel before the deadline. */
export default function MyBookingsPage() {
  const bookings = useQuery('childcare', 'myBookings', {})
  const refresh = () => bookings.reload(true)
  const cancelling = useMutation('childcare', 'cancel', {
    success: '已取消',
    onSuccess: refresh,
    onError: (e) => void alert('没有取消', e.message),
  })
  const accepting = useMutation('childcare', 'acceptOffer', {
    success: '已确认名额',
    onSuccess: refresh,
    onError: (e) => {
      void alert('没有确认', e.message)
      void refresh()
    },
  })

  const cancel = async (b: MyBooking) => {
    const ok = await confirm({
      title: '取消这个预约？',
      content: `${b.childName} · ${b.classTitle}\n取消后名额会给候补或其他家长，不能恢复。`,
      confirmText: '取消预约',
      cancelText: '不取消',
      danger: true,
    })
    if (ok) await cancelling.run({ bookingId: b.id })
  }

  const accept = async (b: MyBooking) => {
    // Accepting is the next tap on this booking: renew the one-time subscription for what the booking sends next.
    await askForNotices(['childcare_offer', 'childcare_offer_expired', 'childcare_lottery'])
    await accepting.run({ bookingId: b.id })
  }

  return (
    <View className='page'>
      <PageState
        query={bookings}
        isEmpty={(d) => !d.items.length}
        empty={{
          title: '还没有预约',
          detail: '报名成功或候补后会显示在这里。',
          actions: [{ text: '去看看托管班', onClick: () => void Taro.redirectTo({ url: CC.list }) }],
        }}
      >
        {({ items }) => <Bookings items={items} onCancel={cancel} onAccept={accept} />}
      </PageState>
    </View>
  )
}

/** 优先名额 on a booking, in the words the parent needs: which group, and where the claim stands. */
function claimText(c: ClaimView): string {
  const pool = c.pool === 'priority' ? '使用优先名额' : '普通名额'
  if (c.state === 'verified') return `优先资格「${c.label}」：${c.auto ? '已按入会信息自动核实' : '工会已核实'} · ${pool}`
  if (c.state === 'pending') return `优先资格「${c.label}」：待工会核实 · ${pool}`
  return `优先资格「${c.label}」：未通过核实，已按普通名额处理`
}

function Bookings({
  items,
  onCancel,
  onAccept,
}: {
  items: MyBooking[]
  onCancel: (b: MyBooking) => Promise<void>
  onAccept: (b: MyBooking) => Promise<void>
}) {
  return (
    <View className='cc-mine'>
      {items.map((b) => (
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
          {b.claim ? <Text className={`cc-line cc-booking__claim cc-booking__claim--${b.claim.state}`}>{claimText(b.claim)}</Text> : null}
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
              <Btn size='sm' className='cc-booking__accept' onClick={() => onAccept(b)}>
                确认名额
              </Btn>
            ) : null}
            {b.canCancel ? (
              <Btn size='sm' kind='ghost' className='cc-booking__cancel' onClick={() => onCancel(b)}>
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
