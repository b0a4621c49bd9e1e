import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageState from '@/components/PageState'
import { DELIVERY_LABELS } from '@/contracts/quiz/delivery'
import { PRIZE_KIND_LABELS } from '@/contracts/quiz/schemas'
import { useQuery } from '@/data'
import VoucherCard from '../components/VoucherCard'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 我的奖品: everything I won, claimed or waiting to be claimed; a 驿站券 shows its QR for the keeper. */
export default function QuizPrizesPage() {
  const mine = useQuery('quiz', 'myPrizes', {})
  return (
    <View className='page'>
      <PageState
        query={mine}
        isEmpty={(d) => !d.items.length}
        empty={{
          title: '还没有中奖记录',
          detail: '参加答题活动，及格即可抽奖',
          actions: [{ text: '去答题', onClick: () => void Taro.redirectTo({ url: '/pages/quiz/index/index' }) }],
        }}
      >
        {(d) =>
          d.items.map((p) => (
            <View
              key={p.drawId}
              className='card quiz-my-prize'
              onClick={() => Taro.navigateTo({ url: `/pages/quiz/claim/index?drawId=${encodeURIComponent(p.drawId)}` })}
            >
              <View className='quiz-row'>
                <Text className='quiz-title'>{p.prizeName}</Text>
                <Text className={`quiz-state ${p.claimStatus === 'claimed' ? 'quiz-state--running' : 'quiz-state--upcoming'}`}>
                  {p.claimStatus === 'claimed' ? DELIVERY_LABELS[p.deliveryStatus ?? 'pending'] : '待领取 ›'}
                </Text>
              </View>
              <Text className='quiz-meta'>
                {PRIZE_KIND_LABELS[p.kind]} · {p.campaignTitle} · {beijingMonthDayTime(p.wonAt)}
              </Text>
              {p.voucher ? <VoucherCard v={p.voucher} /> : p.voucherCode ? <Text className='quiz-code'>券码：{p.voucherCode}</Text> : null}
            </View>
          ))
        }
      </PageState>
    </View>
  )
}
