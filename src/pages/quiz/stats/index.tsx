import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { call } from '@/api/client'
import { quizApi } from '@/contracts/quiz/api'
import type { QuizStats } from '@/contracts/quiz/schemas'
import { useMutationWith, useQuery } from '@/data'
import { saveDownload } from '@/utils/download'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

const pct = (x: number) => `${Math.round(x * 100)}%`

function Bar({ label, value, max, text, green }: { label: string; value: number; max: number; text: string; green?: boolean }) {
  return (
    <View className='quiz-bar-row'>
      <Text className='quiz-bar-row__label'>{label}</Text>
      <View className='quiz-bar'>
        <View
          className={`quiz-bar__fill ${green ? 'quiz-bar__fill--green' : ''}`}
          style={{ width: `${max ? Math.min(100, (value / max) * 100) : 0}%` }}
        />
      </View>
      <Text className='quiz-bar-row__value'>{text}</Text>
    </View>
  )
}

/** Live statistics as plain bars, flagged attempts, and the winners export. */
export default function QuizStatsPage() {
  return <RoleGate spec={quizApi.stats}>{() => <Stats />}</RoleGate>
}

function Stats() {
  const id = useRouter().params.id ?? ''
  const s = useQuery('quiz', 'stats', { campaignId: id })
  return (
    <PageState query={s} loadingText='正在统计…'>
      {(d) => <StatsView id={id} d={d} reload={() => void s.reload()} />}
    </PageState>
  )
}

function StatsView({ id, d, reload }: { id: string; d: QuizStats; reload: () => void }) {
  const [exportMsg, setExportMsg] = useState('')
  const maxDay = Math.max(1, ...d.days.map((x) => x.attempts))
  // The export writes an audit row (a mutation); the file is then saved or opened on the phone.
  const exporting = useMutationWith(async () => {
    setExportMsg('')
    const r = await call('quiz', 'exportWinners', { campaignId: id })
    if (!r.ok) return r
    const saved = await saveDownload(r.data)
    setExportMsg(saved.ok ? `已导出 ${r.data.rows ?? 0} 条中奖记录` : saved.message)
    return r
  })
  const exportMessage = exporting.error?.message ?? exportMsg
  return (
    <View className='page quiz-stats'>
      <View className='card quiz-kpis'>
        {[
          ['参与人数', d.participants],
          ['答题次数', d.attempts],
          ['及格率', pct(d.passRate)],
          ['疑似作弊', d.flaggedCount],
        ].map(([label, v]) => (
          <View key={String(label)} className='quiz-kpi'>
            <Text className='quiz-kpi__num'>{v}</Text>
            <Text className='quiz-kpi__label'>{label}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>奖品发放 / 库存</Text>
        {d.prizes.length ? (
          d.prizes.map((p) => <Bar key={p.name} label={p.name} value={p.issued} max={p.quantity} text={`${p.issued}/${p.quantity}`} />)
        ) : (
          <Text className='muted'>没有设置奖品</Text>
        )}
      </View>

      <View className='card'>
        <Text className='section-title'>每日答题（绿色为及格）</Text>
        {d.days.length ? null : <Text className='muted'>还没有人答题</Text>}
        {d.days.map((x) => (
          <View key={x.day}>
            <Bar label={x.day.slice(5)} value={x.attempts} max={maxDay} text={`${x.attempts} 次`} />
            <Bar label='  及格 / 中奖' value={x.passed} max={maxDay} text={`${x.passed} / ${x.issued}`} green />
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>每题正确率</Text>
        {d.questions.map((q, i) => (
          <Bar
            key={q.id}
            label={`${i + 1}. ${q.stem}`}
            value={q.correct}
            max={q.asked}
            text={q.asked ? `${pct(q.rate)}（${q.asked}）` : '未出现'}
            green
          />
        ))}
      </View>

      {d.flagged.length ? (
        <View className='card'>
          <Text className='section-title'>用时过短的答题（每题不到 2 秒）</Text>
          {d.flagged.map((a, i) => (
            <View key={i} className='quiz-line'>
              <Text>{a.nameMasked}</Text>
              <Text className='muted'>
                {a.score} 题 · {a.seconds} 秒 · {beijingMonthDayTime(a.at)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <Btn className='quiz-export' loading={exporting.busy} onClick={() => exporting.run(undefined)}>
        导出中奖名单（Excel）
      </Btn>
      {exportMessage ? <Text className='muted'>{exportMessage}</Text> : null}
      <Btn kind='secondary' className='quiz-go-delivery' onClick={() => void Taro.navigateTo({ url: `/pages/quiz/delivery/index?id=${id}` })}>
        奖品发放（待发放 / 已发放 / 已核销）
      </Btn>
      {d.prizes.some((p) => p.kind === 'voucher') ? (
        <Btn kind='secondary' className='quiz-go-vouchers' onClick={() => void Taro.navigateTo({ url: `/pages/quiz/vouchers/index?id=${id}` })}>
          驿站券核销情况
        </Btn>
      ) : null}
      <Btn kind='ghost' onClick={reload}>
        刷新
      </Btn>
    </View>
  )
}
