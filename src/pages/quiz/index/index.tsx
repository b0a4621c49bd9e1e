import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { useLoad } from '../shared/useLoad'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 答题抽奖: every campaign with its state, today's attempts left and draws waiting. */
export default function QuizListPage() {
  const list = useLoad(() => call('quiz', 'listCampaigns', {}))
  useDidShow(() => {
    if (list.data) list.reload()
  })
  return (
    <View className='page'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>学法律 · 答题赢好礼</Text>
        <Text className='quiz-intro'>答题及格即可抽奖。题目和答案都在服务器上判分，抽奖结果可以在活动结束后公开核验。</Text>
      </View>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载活动…' /> : null}
      {list.error ? <StateView kind='error' title='活动加载失败' detail={list.error} actions={[{ text: '重试', onClick: list.reload }]} /> : null}
      {list.data && !list.data.items.length ? <StateView kind='empty' title='暂时没有答题活动' detail='活动上线后会显示在这里' /> : null}
      {list.data?.items.map((c) => (
        <View
          key={c.id}
          className='card quiz-campaign'
          onClick={() => Taro.navigateTo({ url: `/pages/quiz/campaign/index?id=${encodeURIComponent(c.id)}` })}
        >
          <View className='quiz-row'>
            <Text className='quiz-title'>{c.title}</Text>
            <Text className={stateClass(c.state)}>{stateLabel(c.state)}</Text>
          </View>
          <Text className='quiz-meta'>
            {beijingMonthDayTime(c.startAt)} 至 {beijingMonthDayTime(c.endAt)}
          </Text>
          <View className='quiz-chips'>
            {c.state === 'running' ? <Text className='quiz-chip'>今日还可答 {c.attemptsLeftToday} 次</Text> : null}
            {c.drawsLeft > 0 ? <Text className='quiz-chip'>{c.drawsLeft} 次抽奖机会</Text> : null}
            {c.bestScore !== null ? <Text className='quiz-chip'>最好成绩 {c.bestScore} 题</Text> : null}
            {c.audience === 'members' ? <Text className='quiz-chip'>限工会会员</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
