import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import { NO_PRIZE, type CampaignSummary, type DrawResult } from '@/contracts/quiz/schemas'
import { useMutation, useQuery } from '@/data'
import PickPrize from './PickPrize'
import './index.scss'

// The 8 cells around the centre, clockwise from the top left (grid positions 0 1 2 5 8 7 6 3).
const RING = [0, 1, 2, 5, 8, 7, 6, 3]

/**
 * 抽奖: the outcome is decided by the server before the lights move; the animation only walks the ring and
 * stops on that outcome.
 */
export default function QuizDrawPage() {
  const id = useRouter().params.id ?? ''
  const c = useQuery('quiz', 'campaign', { campaignId: id }, { reloadOnShow: false })
  // A campaign in pick mode spends its rights choosing, not drawing.
  return <PageState query={c}>{(d) => (d.prizeMode === 'pick' ? <PickPrize c={d} reload={() => void c.reload(true)} /> : <Wheel c={d} />)}</PageState>
}

function Wheel({ c }: { c: CampaignSummary }) {
  const [lit, setLit] = useState(-1)
  const [spinning, setSpinning] = useState(false)
  const [result, setResult] = useState<DrawResult | null>(null)
  const [left, setLeft] = useState(c.drawsLeft)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const draw = useMutation('quiz', 'draw')
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )
  // Ring labels: the prizes, filled up with 谢谢参与.
  const labels = RING.map((_, i) =>
    i % 2 === 0 && c.prizes[i / 2] ? c.prizes[i / 2].name : i % 2 === 1 && c.prizes[4 + (i - 1) / 2] ? c.prizes[4 + (i - 1) / 2].name : NO_PRIZE,
  )

  const spin = async () => {
    if (spinning || left < 1) return
    setResult(null)
    const r = await draw.run({ campaignId: c.id })
    if (!r?.ok) return
    setSpinning(true)
    const targets = labels.flatMap((l, i) => ((r.data.won ? l === r.data.prize?.name : l === NO_PRIZE) ? [i] : []))
    const target = targets.length ? targets[Math.floor(Math.random() * targets.length)] : 0
    const steps = 16 + ((target - (lit < 0 ? 0 : lit) + RING.length) % RING.length)
    let pos = lit < 0 ? 0 : lit
    let n = 0
    const tick = () => {
      pos = (pos + 1) % RING.length
      setLit(pos)
      n++
      if (n >= steps) {
        setSpinning(false)
        setResult(r.data)
        setLeft(r.data.drawsLeft)
        return
      }
      timer.current = setTimeout(tick, 50 + Math.max(0, n - steps + 8) * 40)
    }
    tick()
  }

  const busy = spinning || draw.busy
  const cells = Array.from({ length: 9 }, (_, g) => {
    if (g === 4)
      return (
        <View key={g} className={`quiz-cell quiz-cell--center ${busy ? 'quiz-cell--busy' : ''} quiz-draw-btn`} onClick={() => void spin()}>
          {busy ? '抽奖中' : left > 0 ? `抽奖\n(${left})` : '没有机会'}
        </View>
      )
    const ringIndex = RING.indexOf(g)
    return (
      <View key={g} className={`quiz-cell ${ringIndex === lit ? 'quiz-cell--lit' : ''}`}>
        {labels[ringIndex]}
      </View>
    )
  })

  return (
    <View className='page quiz-draw'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>{c.title}</Text>
        <Text className='muted'>还有 {left} 次抽奖机会</Text>
      </View>
      <View className='quiz-wheel'>{cells}</View>
      <FormError message={draw.error?.message} />
      {result ? (
        <View className='card quiz-outcome'>
          <Text className='quiz-outcome__title'>{result.won ? `恭喜抽中 ${result.prize?.name}` : '谢谢参与'}</Text>
          {result.won ? <Text className='muted'>现在点「去领奖」填写领取信息，或稍后在「我的奖品」里领。</Text> : null}
          <View className='row-actions quiz-actions'>
            {result.won ? (
              <Btn
                className='quiz-go-claim'
                onClick={() => Taro.navigateTo({ url: `/pages/quiz/claim/index?drawId=${encodeURIComponent(result.drawId)}` })}
              >
                去领奖
              </Btn>
            ) : null}
            <Btn kind='secondary' onClick={() => Taro.redirectTo({ url: `/pages/quiz/campaign/index?id=${encodeURIComponent(c.id)}` })}>
              返回活动
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  )
}
