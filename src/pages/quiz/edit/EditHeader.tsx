import { Text, View } from '@tarojs/components'
import type { EditMeta } from './form'

/** What staff must know before changing a saved campaign: its public commitment code and what is locked. */
export default function EditHeader({ meta }: { meta: EditMeta }) {
  return (
    <View className='card'>
      <Text className='muted'>公平承诺码（活动创建时已公开，不可更改）</Text>
      <Text className='quiz-hash quiz-edit-hash'>{meta.seedHash}</Text>
      {meta.ended ? (
        <Text className='muted quiz-block quiz-edit-ended'>
          活动已结束，抽奖密码已公布，不能再延期或重新开始。想接着办，请点下方「再办一期」复制成新活动。
        </Text>
      ) : meta.startLocked ? (
        <Text className='muted quiz-block'>已有人抽奖：开始时间、奖品和权重已锁定，结束时间仍可调整。</Text>
      ) : null}
    </View>
  )
}
