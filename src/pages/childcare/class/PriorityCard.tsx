import { Text, View } from '@tarojs/components'
import Check from '@/components/Check'
import FieldError from '@/components/FieldError'
import type { PriorityGroup, PriorityView } from '@/contracts/childcare/priority'
import { beijingDateTime } from '@/contracts/time'

interface Props {
  priority: PriorityView
  lottery: boolean
  /** the reserve still takes claims (not released, booking open) */
  open: boolean
  claim: PriorityGroup | ''
  onClaim: (c: PriorityGroup | '') => void
  error?: string
}

/** 优先名额: who the reserve is for, how many are left, when unused places join the general pool, and the claim. */
export function PriorityCard({ priority, lottery, open, claim, onClaim, error }: Props) {
  const who = priority.groups.map((g) => g.label).join('、')
  const when = priority.released
    ? '未用完的优先名额已并入普通名额。'
    : lottery
      ? '抽签时先在资格已核实的优先申请中分配，未用完的优先名额并入普通名额。'
      : `${priority.releaseAt ? beijingDateTime(priority.releaseAt) : '报名截止'}（北京时间）起，未用完的优先名额并入普通名额，先给候补的孩子。`
  return (
    <View className='card cc-rules cc-priority'>
      <Text className='cc-title'>优先名额</Text>
      <Text className='cc-line cc-priority__summary'>
        为{who}预留 {priority.places} 个名额{lottery || priority.released ? '' : `，还剩 ${priority.remaining} 个`}
      </Text>
      <Text className='cc-line cc-priority__release'>{when}</Text>
      {open ? (
        <View className='cc-priority__claim'>
          <Text className='cc-rule'>孩子属于下列情况的，请选择一项（工会将核实；入会时登记为新就业形态劳动者并已通过审核的，系统自动核实）：</Text>
          <Check className='cc-priority__none' checked={claim === ''} onChange={() => onClaim('')}>
            <Text>不申请优先名额</Text>
          </Check>
          {priority.groups.map((g) => (
            <Check
              key={g.key}
              className={`cc-priority__group cc-priority__group--${g.key}`}
              checked={claim === g.key}
              onChange={(on) => onClaim(on ? g.key : '')}
            >
              <Text>{g.label}</Text>
            </Check>
          ))}
          <Text className='muted'>核实未通过的，改按普通名额：普通名额还有就保留预约，已满则按您报名的时间排入候补。</Text>
          <FieldError message={error} />
        </View>
      ) : null}
    </View>
  )
}
