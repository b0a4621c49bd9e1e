import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { useLoad } from '../shared/useLoad'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 中奖名单 (masked), the ranking where the campaign has one, and the draw record for anyone to check. */
export default function QuizWinnersPage() {
  const id = useRouter().params.id ?? ''
  const winners = useLoad(() => call('quiz', 'winners', { campaignId: id }), [id])
  const ranking = useLoad(() => call('quiz', 'rankings', { campaignId: id }), [id])
  const fair = useLoad(() => call('quiz', 'fairness', { campaignId: id }), [id])
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>中奖名单</Text>
        {winners.loading && !winners.data ? <StateView kind='loading' title='正在加载…' /> : null}
        {winners.error ? (
          <StateView kind='error' title='加载失败' detail={winners.error} actions={[{ text: '重试', onClick: winners.reload }]} />
        ) : null}
        {winners.data && !winners.data.items.length ? <StateView kind='empty' title='还没有人中奖' /> : null}
        {winners.data?.items.map((w, i) => (
          <View key={i} className='quiz-line quiz-winner'>
            <Text>{w.nameMasked}</Text>
            <Text>{w.prizeName}</Text>
            <Text className='muted'>{beijingMonthDayTime(w.wonAt)}</Text>
          </View>
        ))}
      </View>

      {ranking.data?.items.length ? (
        <View className='card'>
          <Text className='section-title'>排行榜（成绩优先，用时短者在前）</Text>
          {ranking.data.items.map((r) => (
            <View key={r.rank} className='quiz-line'>
              <Text>
                {r.rank}. {r.nameMasked}
              </Text>
              <Text className='muted'>
                {r.score} 题 · {r.seconds} 秒
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className='card'>
        <Text className='section-title'>抽奖核验</Text>
        {fair.loading && !fair.data ? <StateView kind='loading' title='正在加载…' /> : null}
        {fair.error ? <StateView kind='error' title='加载失败' detail={fair.error} actions={[{ text: '重试', onClick: fair.reload }]} /> : null}
        {fair.data ? (
          <View>
            <Text className='muted quiz-block'>种子摘要（SHA-256）</Text>
            <Text className='quiz-hash quiz-block'>{fair.data.seedHash}</Text>
            {fair.data.seed ? (
              <View>
                <Text className='muted quiz-block'>已公布的种子</Text>
                <Text className='quiz-hash quiz-seed quiz-block'>{fair.data.seed}</Text>
              </View>
            ) : (
              <Text className='muted quiz-block'>活动结束后公布种子。届时可用 HMAC-SHA256(种子, 抽奖编号) 复算每一次抽奖（算法见项目说明）。</Text>
            )}
            <Text className='muted quiz-block'>抽奖号码 0–9999 与奖品的对应（活动开始后锁定，种子就是对着这张表抽的）：</Text>
            {fair.data.prizes.map((p) => (
              <View key={p.from} className='quiz-fair-row quiz-fair-table'>
                <Text>{p.name}</Text>
                <Text>{p.weight ? `${p.from}–${p.to}` : '不中'}</Text>
                <Text className='muted'>共 {p.quantity} 份</Text>
              </View>
            ))}
            {fair.data.noPrizeFrom <= 9999 ? (
              <View className='quiz-fair-row quiz-fair-table'>
                <Text>谢谢参与</Text>
                <Text>{fair.data.noPrizeFrom}–9999</Text>
                <Text className='muted'>—</Text>
              </View>
            ) : null}
            <Text className='muted quiz-block'>共 {fair.data.total} 次抽奖</Text>
            {fair.data.draws.slice(0, 50).map((d) => (
              <View key={d.drawId} className='quiz-fair-row'>
                <Text className='quiz-fair-row__id'>{d.drawId}</Text>
                {d.value !== undefined ? <Text>{d.value}</Text> : null}
                <Text>{d.intended}</Text>
                <Text>{d.issued ? '已发放' : d.intendedIndex >= 0 ? '库存不足' : '—'}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
