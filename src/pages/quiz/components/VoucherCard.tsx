import { Image, Text, View } from '@tarojs/components'
import type { VoucherView } from '@/contracts/quiz/schemas'
import { beijingMonthDayTime } from '@/contracts/time'
import { longDay } from '../shared/format'

/** A 驿站券 as its owner shows it: the QR while it can be used, the code under it, where and until when. */
export default function VoucherCard({ v }: { v: VoucherView }) {
  return (
    <View className={`quiz-voucher quiz-voucher--${v.status}`}>
      {v.qr ? <Image className='quiz-voucher__qr' src={v.qr} mode='aspectFit' /> : null}
      <Text className='quiz-code'>{v.code}</Text>
      <Text className='quiz-voucher__line'>使用地点：{v.anyStation ? '任意驿站' : v.stationName}</Text>
      {v.status === 'valid' ? (
        <Text className='quiz-voucher__line'>有效期至 {longDay(v.validUntil)}，到驿站请站长扫码核销</Text>
      ) : v.status === 'redeemed' ? (
        <Text className='quiz-voucher__line quiz-voucher__used'>
          已核销{v.redeemedAt ? `：${beijingMonthDayTime(v.redeemedAt)}` : ''}
          {v.redeemedStationName ? ` 在「${v.redeemedStationName}」` : ''}
        </Text>
      ) : (
        <Text className='quiz-voucher__line quiz-voucher__used'>已过期（有效期至 {longDay(v.validUntil)}）</Text>
      )}
    </View>
  )
}
