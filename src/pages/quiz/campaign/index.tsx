import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { PRIZE_KIND_LABELS, WEIGHT_TOTAL, type CampaignSummary } from '@/contracts/quiz/schemas'
import { useQuery } from '@/data'
import { confirm } from '@/utils/dialog'
import FairHow from '../components/FairHow'
import LevelPath from '../components/LevelPath'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

const pct = (w: number) => `${((w / WEIGHT_TOTAL) * 100).toFixed(w % 100 ? 2 : 0)}%`

/** One campaign: rules, prizes with their odds, the way into the quiz and the draw, and how fairness is checked. */
export default function QuizCampaignPage() {
  const id = useRouter().params.id ?? ''
  const c = useQuery('quiz', 'campaign', { campaignId: id })
  return <PageState query={c}>{(d) => <Campaign d={d} />}</PageState>
}

function Campaign({ d }: { d: CampaignSummary }) {
  const go = (page: string) => Taro.navigateTo({ url: `/pages/quiz/${page}/index?id=${encodeURIComponent(d.id)}` })
  const practice = (mode: 'bank' | 'wrong') =>
    Taro.navigateTo({ url: `/pages/quiz/practice/index?id=${encodeURIComponent(d.id)}&mode=${mode}&bank=${d.practiceAvailable ? 1 : 0}` })
  const start = async () => {
    const ok = await confirm({
      title: '开始答题',
      content: `共 ${d.questionsPerAttempt} 题，限时 ${Math.round(d.timeLimitSec / 60)} 分钟，开始后计时不会暂停。今天还可答 ${d.attemptsLeftToday} 次。`,
      confirmText: '开始',
      cancelText: '再等等',
    })
    if (ok) go('play')
  }
  const weightLeft = WEIGHT_TOTAL - d.prizes.reduce((s, p) => s + p.weight, 0)
  const levels = d.levels.length > 0
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
        {levels ? (
          <>
            <Text>
              共 {d.levels.length} 关，{d.levelOpening === 'daily' ? '每天开放一关' : '全部关卡已开放'}，通过上一关才能闯下一关；每关每次限时{' '}
              {Math.round(d.timeLimitSec / 60)} 分钟，每天可试几次，成绩取最好的一次。
            </Text>
            <Text>通过全部关卡即获得电子证书{d.prizes.length ? '和抽奖机会' : ''}。</Text>
          </>
        ) : (
          <>
            <Text>
              每次随机 {d.questionsPerAttempt} 题，限时 {Math.round(d.timeLimitSec / 60)} 分钟，答对 {d.passScore} 题及格。
            </Text>
            <Text>每天可答 {d.attemptsPerDay} 次（按北京时间计），成绩取最好的一次；每次及格可抽奖。</Text>
          </>
        )}
        {d.audience === 'members' ? <Text>本活动仅限工会会员参加（保留会籍的会员同样可以参加）。</Text> : null}
        <View className='quiz-chips'>
          {d.state === 'running' && !levels ? <Text className='quiz-chip'>今日还可答 {d.attemptsLeftToday} 次</Text> : null}
          <Text className='quiz-chip'>抽奖机会 {d.drawsLeft} 次</Text>
          {d.bestScore !== null ? <Text className='quiz-chip'>最好成绩 {d.bestScore} 题</Text> : null}
        </View>
      </View>

      {levels ? <LevelPath campaignId={d.id} levels={d.levels} /> : null}
      {d.certificateCode ? (
        <View className='card quiz-cert-card' onClick={() => go('certificate')}>
          <Text className='quiz-title'>恭喜通关！</Text>
          <Text className='muted'>电子证书编号 {d.certificateCode}，点这里查看、保存或分享</Text>
        </View>
      ) : null}

      <View className='row-actions'>
        {levels ? null : (
          <Btn className='quiz-start' disabled={d.state !== 'running' || d.attemptsLeftToday < 1} onClick={start}>
            {d.state === 'running' ? (d.attemptsLeftToday ? '开始答题' : '今天次数已用完') : stateLabel(d.state)}
          </Btn>
        )}
        {d.drawsLeft > 0 && d.state === 'running' ? (
          <Btn kind='secondary' className='quiz-go-draw' onClick={() => go('draw')}>
            {d.prizeMode === 'pick' ? '去选奖品' : '去抽奖'}（{d.drawsLeft}）
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

      <FairHow seedHash={d.seedHash} />

      <View className='row-actions'>
        {d.bestScore !== null || d.levels.some((l) => l.bestScore !== null) ? (
          <Btn kind='secondary' className='quiz-go-wrong' onClick={() => practice('wrong')}>
            错题本
          </Btn>
        ) : null}
        {d.practiceAvailable ? (
          <Btn kind='secondary' className='quiz-go-practice' onClick={() => practice('bank')}>
            题库练习
          </Btn>
        ) : null}
        <Btn kind='ghost' onClick={() => go('winners')}>
          中奖名单与核验
        </Btn>
      </View>
    </View>
  )
}
