import { DELIVERY_LABELS } from '@/contracts/quiz/delivery'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { PRIZE_KIND_LABELS } from '@/contracts/quiz/schemas'
import { useLoad } from '../shared/useLoad'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 我的奖品: everything I won, claimed or waiting to be claimed. */
export default function QuizPrizesPage() {
  const mine = useLoad(() => call('quiz', 'myPrizes', {}))
  useDidShow(() => {
    if (mine.data) mine.reload()
  })
  if (mine.loading && !mine.data) return <StateView kind='loading' title='正在加载…' />
  if (mine.error || !mine.data)
    return <StateView kind='error' title='加载失败' detail={mine.error} actions={[{ text: '重试', onClick: mine.reload }]} />
  if (!mine.data.items.length)
    return (
      <StateView
        kind='empty'
        title='还没有中奖记录'
        detail='参加答题活动，及格即可抽奖'
        actions={[{ text: '去答题', onClick: () => Taro.redirectTo({ url: '/pages/quiz/index/index' }) }]}
      />
    )
  return (
    <View className='page'>
      {mine.data.items.map((p) => (
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
          {p.voucherCode ? <Text className='quiz-hash'>券码：{p.voucherCode}</Text> : null}
        </View>
      ))}
    </View>
  )
}
