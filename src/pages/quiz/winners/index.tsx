import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import PageState from '@/components/PageState'
import type { FairnessView } from '@/contracts/quiz/schemas'
import { useQuery } from '@/data'
import FairHow from '../components/FairHow'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 中奖名单 (masked), the ranking of persons where the campaign has one, and the draw record behind 「如何验证公平」. */
export default function QuizWinnersPage() {
  const id = useRouter().params.id ?? ''
  const winners = useQuery('quiz', 'winners', { campaignId: id })
  const ranking = useQuery('quiz', 'rankings', { campaignId: id })
  const fair = useQuery('quiz', 'fairness', { campaignId: id, page: 1 })
  return (
    <View className='page'>
      <View className='card'>
        <Text className='section-title'>中奖名单</Text>
        <PageState query={winners} isEmpty={(d) => !d.items.length} empty={{ title: '还没有人中奖' }}>
          {(d) =>
            d.items.map((w, i) => (
              <View key={i} className='quiz-line quiz-winner'>
                <Text>{w.nameMasked}</Text>
                <Text>{w.prizeName}</Text>
                <Text className='muted'>{beijingMonthDayTime(w.wonAt)}</Text>
              </View>
            ))
          }
        </PageState>
      </View>

      {ranking.data?.items.length ? (
        <View className='card'>
          <Text className='section-title'>个人排行榜（成绩优先，用时短者在前）</Text>
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

      <PageState query={fair}>
        {(f) => (
          <FairHow seedHash={f.seedHash} seed={f.seed}>
            <DrawTable f={f} />
          </FairHow>
        )}
      </PageState>
    </View>
  )
}

function DrawTable({ f }: { f: FairnessView }) {
  return (
    <View>
      <Text className='muted quiz-block'>号码与奖品的对应（活动开始后就不能再改）：</Text>
      {f.prizes.map((p) => (
        <View key={p.from} className='quiz-fair-row quiz-fair-table'>
          <Text>{p.name}</Text>
          <Text>{p.weight ? `${p.from}–${p.to}` : '不中'}</Text>
          <Text className='muted'>共 {p.quantity} 份</Text>
        </View>
      ))}
      {f.noPrizeFrom <= 9999 ? (
        <View className='quiz-fair-row quiz-fair-table'>
          <Text>谢谢参与</Text>
          <Text>{f.noPrizeFrom}–9999</Text>
          <Text className='muted'>—</Text>
        </View>
      ) : null}
      <Text className='muted quiz-block'>共 {f.total} 次抽奖（下面是前 50 次：核对编号、号码、结果）</Text>
      {f.draws.slice(0, 50).map((d) => (
        <View key={d.drawId} className='quiz-fair-row'>
          <Text className='quiz-fair-row__id'>{d.drawId}</Text>
          {d.value !== undefined ? <Text>{d.value}</Text> : null}
          <Text>{d.intended}</Text>
          <Text>{d.issued ? '已发放' : d.intendedIndex >= 0 ? '库存不足' : '—'}</Text>
        </View>
      ))}
    </View>
  )
}
