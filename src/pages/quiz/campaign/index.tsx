import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { PRIZE_KIND_LABELS, WEIGHT_TOTAL } from '@/contracts/quiz/schemas'
import { useLoad } from '../shared/useLoad'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

const pct = (w: number) => `${((w / WEIGHT_TOTAL) * 100).toFixed(w % 100 ? 2 : 0)}%`

/** One campaign: rules, prizes with their odds, the seed commitment, and the way into the quiz and the draw. */
export default function QuizCampaignPage() {
  const id = useRouter().params.id ?? ''
  const c = useLoad(() => call('quiz', 'campaign', { campaignId: id }), [id])
  useDidShow(() => {
    if (c.data) c.reload()
  })
  if (c.loading && !c.data) return <StateView kind='loading' title='正在加载…' />
  if (c.error || !c.data) return <StateView kind='error' title='活动加载失败' detail={c.error} actions={[{ text: '重试', onClick: c.reload }]} />
  const d = c.data
  const go = (page: string) => Taro.navigateTo({ url: `/pages/quiz/${page}/index?id=${encodeURIComponent(d.id)}` })
  const start = async () => {
    const ok = await Taro.showModal({
      title: '开始答题',
      content: `共 ${d.questionsPerAttempt} 题，限时 ${Math.round(d.timeLimitSec / 60)} 分钟，开始后计时不会暂停。今天还可答 ${d.attemptsLeftToday} 次。`,
      confirmText: '开始',
      cancelText: '再等等',
    })
    if (ok.confirm) go('play')
  }
  const weightLeft = WEIGHT_TOTAL - d.prizes.reduce((s, p) => s + p.weight, 0)
  return (
    <View className='page quiz-campaign-page'>
      <View className='card quiz-head'>
        <View className='quiz-row'>
          <Text className='quiz-title'>{d.title}</Text>
          <Text className={stateClass(d.state)}>{stateLabel(d.state)}</Text>
        </View>
        <Text className='quiz-meta'>
          {beijingMonthDayTime(d.startAt, true)} 至 {beijingMonthDayTime(d.endAt, true)}（北京时间）
        </Text>
        {d.description ? <Text className='quiz-desc'>{d.description}</Text> : null}
      </View>

      <View className='card quiz-rules'>
        <Text className='section-title'>规则</Text>
        <Text>
          每次随机 {d.questionsPerAttempt} 题，限时 {Math.round(d.timeLimitSec / 60)} 分钟，答对 {d.passScore} 题及格。
        </Text>
        <Text>每天可答 {d.attemptsPerDay} 次（按北京时间计），成绩取最好的一次；每次及格可抽奖。</Text>
        {d.audience === 'members' ? <Text>本活动仅限工会会员参加。</Text> : null}
        <View className='quiz-chips'>
          {d.state === 'running' ? <Text className='quiz-chip'>今日还可答 {d.attemptsLeftToday} 次</Text> : null}
          <Text className='quiz-chip'>抽奖机会 {d.drawsLeft} 次</Text>
          {d.bestScore !== null ? <Text className='quiz-chip'>最好成绩 {d.bestScore} 题</Text> : null}
        </View>
      </View>

      <View className='row-actions'>
        <Btn className='quiz-start' disabled={d.state !== 'running' || d.attemptsLeftToday < 1} onClick={start}>
          {d.state === 'running' ? (d.attemptsLeftToday ? '开始答题' : '今天次数已用完') : stateLabel(d.state)}
        </Btn>
        {d.drawsLeft > 0 && d.state === 'running' ? (
          <Btn kind='secondary' className='quiz-go-draw' onClick={() => go('draw')}>
            去抽奖（{d.drawsLeft}）
          </Btn>
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>奖品</Text>
        {d.prizes.map((p) => (
          <View key={p.id} className='quiz-prize'>
            <Text>
              {p.name}（{PRIZE_KIND_LABELS[p.kind]}）
            </Text>
            <Text className='muted'>
              共 {p.quantity} 份 · 剩 {p.remaining} · 概率 {pct(p.weight)}
            </Text>
          </View>
        ))}
        {weightLeft > 0 ? (
          <View className='quiz-prize'>
            <Text>谢谢参与</Text>
            <Text className='muted'>概率 {pct(weightLeft)}</Text>
          </View>
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>公平性承诺</Text>
        <Text className='muted'>活动开始前已生成随机种子并公布其 SHA-256 摘要；活动结束后公布种子，人人可复算每一次抽奖。</Text>
        <Text className='quiz-hash'>{d.seedHash}</Text>
      </View>

      <View className='row-actions'>
        <Btn kind='ghost' onClick={() => go('winners')}>
          中奖名单与核验
        </Btn>
      </View>
    </View>
  )
}
