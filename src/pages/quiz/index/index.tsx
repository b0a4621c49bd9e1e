import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 答题抽奖: every campaign with its state, today's attempts left and draws waiting. */
export default function QuizListPage() {
  const list = useQuery('quiz', 'listCampaigns', {})
  return (
    <View className='page'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>学法律 · 答题赢好礼</Text>
        <Text className='quiz-intro'>答题及格即可抽奖。题目在服务器上判分，抽奖结果在活动结束后人人可以核对。</Text>
        <Text className='quiz-link quiz-go-verify' onClick={() => Taro.navigateTo({ url: '/pages/quiz/verify/index' })}>
          核验答题证书 ›
        </Text>
      </View>
      <PageState
        query={list}
        loadingText='正在加载活动…'
        isEmpty={(d) => !d.items.length}
        empty={{ title: '暂时没有答题活动', detail: '活动上线后会显示在这里' }}
      >
        {(d) =>
          d.items.map((c) => (
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
                {c.levelCount ? <Text className='quiz-chip'>闯关 {c.levelCount} 关</Text> : null}
                {c.state === 'running' && !c.levelCount ? <Text className='quiz-chip'>今日还可答 {c.attemptsLeftToday} 次</Text> : null}
                {c.drawsLeft > 0 ? <Text className='quiz-chip'>{c.drawsLeft} 次抽奖机会</Text> : null}
                {c.bestScore !== null ? <Text className='quiz-chip'>最好成绩 {c.bestScore} 题</Text> : null}
                {c.audience === 'members' ? <Text className='quiz-chip'>限工会会员</Text> : null}
              </View>
            </View>
          ))
        }
      </PageState>
    </View>
  )
}
