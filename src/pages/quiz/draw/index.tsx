import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { NO_PRIZE, type DrawResult } from '@/contracts/quiz/schemas'
import { useLoad } from '../shared/useLoad'
import './index.scss'

// The 8 cells around the centre, clockwise from the top left (grid positions 0 1 2 5 8 7 6 3).
const RING = [0, 1, 2, 5, 8, 7, 6, 3]

/**
 * 抽奖: the outcome is decided by the server (HMAC of the committed seed) before the lights move; the
 * animation only walks the ring and stops on that outcome.
 */
export default function QuizDrawPage() {
  const id = useRouter().params.id ?? ''
  const c = useLoad(() => call('quiz', 'campaign', { campaignId: id }), [id])
  const [lit, setLit] = useState(-1)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<DrawResult | null>(null)
  const [error, setError] = useState('')
  const [drawsLeft, setDrawsLeft] = useState<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  if (c.loading && !c.data) return <StateView kind='loading' title='正在加载…' />
  if (c.error || !c.data) return <StateView kind='error' title='加载失败' detail={c.error} actions={[{ text: '重试', onClick: c.reload }]} />
  const prizes = c.data.prizes
  // Ring labels: the prizes, filled up with 谢谢参与.
  const labels = RING.map((_, i) =>
    i % 2 === 0 && prizes[i / 2] ? prizes[i / 2].name : i % 2 === 1 && prizes[4 + (i - 1) / 2] ? prizes[4 + (i - 1) / 2].name : NO_PRIZE,
  )
  const left = drawsLeft ?? c.data.drawsLeft

  const spin = async () => {
    if (busy || left < 1) return
    setBusy(true)
    setError('')
    setResult(null)
    const r = await call('quiz', 'draw', { campaignId: id })
    if (!r.ok) {
      setBusy(false)
      setError(r.error.message)
      return
    }
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
        setBusy(false)
        setResult(r.data)
        setDrawsLeft(r.data.drawsLeft)
        return
      }
      timer.current = setTimeout(tick, 50 + Math.max(0, n - steps + 8) * 40)
    }
    tick()
  }

  const cells = Array.from({ length: 9 }, (_, g) => {
    if (g === 4)
      return (
        <View key={g} className={`quiz-cell quiz-cell--center ${busy ? 'quiz-cell--busy' : ''} quiz-draw-btn`} onClick={spin}>
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
        <Text className='quiz-title'>{c.data.title}</Text>
        <Text className='muted'>还有 {left} 次抽奖机会</Text>
      </View>
      <View className='quiz-wheel'>{cells}</View>
      {error ? <Text className='quiz-error'>{error}</Text> : null}
      {result ? (
        <View className='card quiz-outcome'>
          <Text className='quiz-outcome__title'>{result.won ? `恭喜抽中 ${result.prize?.name}` : '谢谢参与'}</Text>
          <Text className='quiz-hash'>抽奖编号 {result.drawId}</Text>
          <View className='row-actions quiz-actions'>
            {result.won ? (
              <Btn
                className='quiz-go-claim'
                onClick={() => Taro.navigateTo({ url: `/pages/quiz/claim/index?drawId=${encodeURIComponent(result.drawId)}` })}
              >
                去领奖
              </Btn>
            ) : null}
            <Btn kind='secondary' onClick={() => Taro.redirectTo({ url: `/pages/quiz/campaign/index?id=${encodeURIComponent(id)}` })}>
              返回活动
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  )
}
