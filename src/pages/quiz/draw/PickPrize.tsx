import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import { PRIZE_KIND_LABELS, type CampaignSummary, type DrawResult } from '@/contracts/quiz/schemas'
import { useMutation } from '@/data'
import { confirm } from '@/utils/dialog'

/** 选奖品: each right chooses one prize still in stock; a prize gone in the meantime gives the right back. */
export default function PickPrize({ c, reload }: { c: CampaignSummary; reload: () => void }) {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: '选奖品' }).catch(() => undefined)
  }, [])
  const [result, setResult] = useState<DrawResult | null>(null)
  const [left, setLeft] = useState(c.drawsLeft)
  const pick = useMutation('quiz', 'pick', {
    onSuccess: (r) => {
      setResult(r)
      setLeft(r.drawsLeft)
      reload()
    },
    // Gone in the rush: the stock on screen is stale, the right came back.
    onError: () => reload(),
  })
  const choose = async (prizeId: string, name: string) => {
    const ok = await confirm({ title: '选这个奖品？', content: `「${name}」，选定后不能更换。`, confirmText: '就选它' })
    if (ok) await pick.run({ campaignId: c.id, prizeId })
  }
  const inStock = c.prizes.filter((p) => p.remaining > 0)
  return (
    <View className='page quiz-pick'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>{c.title}</Text>
        <Text className='muted'>还可以选 {left} 次奖品，每次选一件有货的奖品</Text>
      </View>
      <FormError message={pick.error?.message} />
      {result?.won ? (
        <View className='card quiz-outcome'>
          <Text className='quiz-outcome__title'>已选 {result.prize?.name}</Text>
          <Btn
            className='quiz-go-claim'
            onClick={() => Taro.navigateTo({ url: `/pages/quiz/claim/index?drawId=${encodeURIComponent(result.drawId)}` })}
          >
            去领奖
          </Btn>
        </View>
      ) : null}
      {left > 0
        ? inStock.map((p) => (
            <View key={p.id} className='card quiz-row quiz-pick-item'>
              <View className='quiz-pick-item__text'>
                <Text className='quiz-title'>{p.name}</Text>
                <Text className='muted'>
                  {PRIZE_KIND_LABELS[p.kind]} · 还剩 {p.remaining} 份
                </Text>
              </View>
              <Btn size='sm' className='quiz-pick-choose' loading={pick.busy} onClick={() => choose(p.id, p.name)}>
                选这个
              </Btn>
            </View>
          ))
        : null}
      {left > 0 && !inStock.length ? <Text className='muted quiz-block'>奖品都已发完。</Text> : null}
    </View>
  )
}
