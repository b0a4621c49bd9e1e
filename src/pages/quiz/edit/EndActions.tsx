import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import { useMutation } from '@/data'
import { confirm } from '@/utils/dialog'
import type { EditMeta } from './form'

/** 统计与导出, and the two irreversible steps: 提前结束 (reveals the seed) and 再办一期 (a copy with a new seed). */
export default function EndActions({ meta, onClosed }: { meta: EditMeta; onClosed: () => void }) {
  const close = useMutation('quiz', 'closeCampaign', { success: '已结束', onSuccess: onClosed })
  const copy = useMutation('quiz', 'copyCampaign', {
    onSuccess: (r) => void Taro.redirectTo({ url: `/pages/quiz/edit/index?id=${encodeURIComponent(r.id)}` }),
  })
  const askClose = async () => {
    const ok = await confirm({
      title: '提前结束',
      content: '结束后不能再答题和抽奖，并会公布抽奖密码供大家核验。确定结束吗？',
      confirmText: '结束',
      danger: true,
    })
    if (ok) await close.run({ id: meta.id })
  }
  /** 再办一期: an ended campaign never reopens (its draws became predictable); a copy with a new seed does. */
  const askCopy = async () => {
    const ok = await confirm({
      title: '再办一期',
      content: '将复制本活动的设置、题库和奖品，生成一个新活动（新的抽奖密码，奖品按原数量重新备货）。复制后请修改时间再保存。',
      confirmText: '复制',
    })
    if (ok) await copy.run({ id: meta.id })
  }
  return (
    <>
      <FormError message={close.error?.message ?? copy.error?.message} />
      <View className='row-actions'>
        <Btn kind='secondary' onClick={() => Taro.navigateTo({ url: `/pages/quiz/stats/index?id=${encodeURIComponent(meta.id)}` })}>
          统计与导出
        </Btn>
        {meta.ended ? (
          <Btn className='quiz-again' loading={copy.busy} onClick={askCopy}>
            再办一期
          </Btn>
        ) : (
          <Btn kind='danger' loading={close.busy} onClick={askClose}>
            提前结束
          </Btn>
        )}
      </View>
    </>
  )
}
