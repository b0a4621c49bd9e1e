import { Picker, Text, View } from '@tarojs/components'
import '../PickerBox/index.scss'
import './index.scss'

interface BoxProps {
  text: string
  placeholder: string
  className?: string
}

function Box({ text, placeholder, className }: BoxProps) {
  return (
    <View className={`picker-box ${text ? '' : 'picker-box--empty'} ${className ?? ''}`}>
      <Text className='picker-box__text'>{text || placeholder}</Text>
      <Text className='picker-box__arrow'>›</Text>
    </View>
  )
}

interface DateProps {
  /** YYYY-MM-DD (a Beijing calendar day), '' when none is chosen */
  value: string
  onChange: (day: string) => void
  placeholder?: string
  /** YYYY-MM-DD bounds the wheel offers */
  start?: string
  end?: string
  /** YYYY-MM-DD the wheel opens on while nothing is chosen (default: the phone's own today, which is not Beijing's everywhere) */
  openAt?: string
  disabled?: boolean
  className?: string
}

/**
 * A calendar day from WeChat's date wheel. The wheel deals in plain YYYY-MM-DD with no time zone, which is what
 * a Beijing day is here: no conversion happens on the phone.
 */
export function DatePicker({ value, onChange, placeholder = '选择日期', start, end, openAt, disabled, className }: DateProps) {
  return (
    <Picker mode='date' value={value || openAt || ''} start={start} end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
      <Box text={value} placeholder={placeholder} className={className} />
    </Picker>
  )
}

interface TimeProps {
  /** HH:mm, Beijing time; '' when none is chosen */
  value: string
  onChange: (time: string) => void
  placeholder?: string
  disabled?: boolean
  className?: string
}

export function TimePicker({ value, onChange, placeholder = '选择时间', disabled, className }: TimeProps) {
  return (
    <Picker mode='time' value={value || '09:00'} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
      <Box text={value} placeholder={placeholder} className={className} />
    </Picker>
  )
}

interface DateTimeProps {
  /** 'YYYY-MM-DD HH:mm' in Beijing time; '' when none is chosen */
  value: string
  onChange: (value: string) => void
  start?: string
  end?: string
  /** the time taken when only the day has been picked */
  defaultTime?: string
  disabled?: boolean
  className?: string
}

/** A day and a time side by side; the value is one 'YYYY-MM-DD HH:mm' string as the contracts take it. */
export default function DateTimePicker({ value, onChange, start, end, defaultTime = '09:00', disabled, className }: DateTimeProps) {
  const [day = '', time = ''] = value.split(' ')
  return (
    <View className={`datetime-picker ${className ?? ''}`}>
      <View className='datetime-picker__day'>
        <DatePicker value={day} start={start} end={end} disabled={disabled} onChange={(d) => onChange(`${d} ${time || defaultTime}`)} />
      </View>
      <View className='datetime-picker__time'>
        <TimePicker
          value={day ? time : ''}
          disabled={disabled || !day}
          placeholder={day ? '选择时间' : '先选日期'}
          onChange={(t) => onChange(`${day} ${t}`)}
        />
      </View>
    </View>
  )
}
