import { Picker, Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  range: readonly string[]
  /** index into range, -1 when nothing is chosen yet */
  value: number
  placeholder?: string
  disabled?: boolean
  className?: string
  onChange: (index: number) => void
}

/** A one-column Picker that looks like the form's text inputs, so a form reads as one column of boxes. */
export default function PickerBox({ range, value, placeholder = '请选择', disabled, className, onChange }: Props) {
  const chosen = value >= 0 && value < range.length
  return (
    <Picker
      mode='selector'
      range={range as string[]}
      // An empty picker opens on the first row; the user still has to confirm it.
      value={chosen ? value : 0}
      disabled={disabled}
      onChange={(e) => onChange(Number(e.detail.value))}
    >
      <View className={`picker-box ${chosen ? '' : 'picker-box--empty'} ${className ?? ''}`}>
        <Text className='picker-box__text'>{chosen ? range[value] : placeholder}</Text>
        <Text className='picker-box__arrow'>›</Text>
      </View>
    </Picker>
  )
}
