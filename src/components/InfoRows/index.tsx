import { Text, View } from '@tarojs/components'
import './index.scss'

/** [label, value, key]: the key names the row for styles and tests (`detail-row--phone`). */
export type InfoRow = [label: string, value: string, key: string]

interface Props {
  title?: string
  rows: InfoRow[]
  className?: string
}

/** A titled card of label/value rows; an empty value shows as 「—」 rather than a blank. */
export default function InfoRows({ title, rows, className }: Props) {
  return (
    <View className={`card detail-section ${className ?? ''}`}>
      {title ? <Text className='detail-section__title'>{title}</Text> : null}
      {rows.map(([label, value, key]) => (
        <View key={key} className={`detail-row detail-row--${key}`}>
          <Text className='detail-row__label'>{label}</Text>
          <Text className='detail-row__value'>{value || '—'}</Text>
        </View>
      ))}
    </View>
  )
}
