import { Input, Text, View } from '@tarojs/components'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import PickerBox from '@/components/PickerBox'
import { useQuery } from '@/data'
import type { EditForm, PForm } from './form'

interface Props {
  form: EditForm
  index: number
  prize: PForm
  locked: boolean
  onChange: (patch: Partial<PForm>) => void
}

/** 驿站券: 任意驿站 or one station of this union (picked from the stations it manages), and how many days it is good for. */
export default function VoucherTerms({ form, index, prize, locked, onChange }: Props) {
  const named = !prize.anyStation
  return (
    <View className='quiz-voucher-terms'>
      <Field label='使用地点' name={`prize-${index}-station`} error={form.error(`prizes.${index}.stationId`)}>
        <Choice
          options={
            [
              { key: 'any', label: '任意驿站' },
              { key: 'one', label: '指定驿站' },
            ] as const
          }
          value={named ? 'one' : 'any'}
          onChange={(k) => !locked && onChange(k === 'any' ? { anyStation: true, stationId: '', stationName: '' } : { anyStation: false })}
        />
      </Field>
      {named ? <StationPick prize={prize} locked={locked} onChange={onChange} /> : null}
      <Field label='有效天数（领取当天算第 1 天）' name={`prize-${index}-validDays`} error={form.error(`prizes.${index}.validDays`)}>
        <Input
          className='field__input'
          type='number'
          disabled={locked}
          value={prize.validDays}
          onInput={(ev) => onChange({ validDays: ev.detail.value })}
        />
      </Field>
    </View>
  )
}

function StationPick({ prize, locked, onChange }: Omit<Props, 'form' | 'index'>) {
  const stations = useQuery('stations', 'listManaged', { pageSize: 50 })
  if (stations.state.kind === 'error')
    return (
      <Text className='quiz-edit-link' onClick={() => void stations.reload()}>
        驿站列表读取失败（{stations.state.error.message}），点此重试
      </Text>
    )
  if (!stations.data) return <Text className='muted'>正在读取驿站…</Text>
  const items = stations.data.items
  if (!items.length) return <Text className='muted'>本工会还没有驿站，请先在「驿站管理」里添加。</Text>
  return (
    <PickerBox
      className='quiz-voucher-station'
      range={items.map((s) => s.name)}
      value={items.findIndex((s) => s.id === prize.stationId)}
      placeholder='选择驿站'
      disabled={locked}
      onChange={(i) => onChange({ stationId: items[i].id, stationName: items[i].name })}
    />
  )
}
