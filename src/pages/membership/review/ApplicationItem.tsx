import { Text, View } from '@tarojs/components'
import Check from '@/components/Check'
import { newEmploymentLabel, statusLabel } from '@/contracts/membership/options'
import type { ApplicationListItem } from '@/contracts/membership/schemas'
import { formatDateTime } from '@/utils/membership'

interface Props {
  item: ApplicationListItem
  /** undefined: not selectable (only pending applications can be approved in bulk) */
  selected?: boolean
  onSelect: (next: boolean) => void
  onOpen: () => void
}

export default function ApplicationItem({ item, selected, onSelect, onOpen }: Props) {
  const gig = item.newEmploymentType !== 'none'
  return (
    <View className={`card application-item application-item--${item.status} ${selected ? 'application-item--selected' : ''}`} onClick={onOpen}>
      {selected !== undefined ? <Check checked={selected} onChange={onSelect} className='application-item__check' /> : null}
      <View className='application-item__body'>
        <View className='application-item__head'>
          <Text className='application-item__name'>{item.name}</Text>
          <Text className='application-item__gender'>{item.gender}</Text>
          {gig ? <Text className='application-item__gig'>新就业形态 · {newEmploymentLabel(item.newEmploymentType)}</Text> : null}
          {item.retainedLabel ? <Text className='application-item__retained'>保留会籍</Text> : null}
          <Text className={`application-item__status application-item__status--${item.status}`}>{statusLabel(item.status)}</Text>
        </View>
        <Text className='application-item__line application-item__employer'>
          {item.employer} · {item.occupation}
        </Text>
        {/* Two pairs that wrap between, never inside, a label and its number. */}
        <View className='application-item__ids'>
          <Text className='application-item__id'>身份证 {item.idNumberMasked}</Text>
          <Text className='application-item__phone'>手机 {item.phoneMasked}</Text>
        </View>
        <View className='application-item__foot'>
          <Text className='application-item__org'>{item.orgName}</Text>
          <Text className='application-item__time'>{formatDateTime(item.submittedAt)} 提交</Text>
        </View>
      </View>
    </View>
  )
}
