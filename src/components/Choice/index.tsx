import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props<K extends string> {
  options: readonly { key: K; label: string }[]
  value: K | ''
  onChange: (key: K) => void
  className?: string
}

/** Two or three mutually exclusive answers shown side by side: one tap instead of a picker. */
export default function Choice<K extends string>({ options, value, onChange, className }: Props<K>) {
  return (
    <View className={`choice ${className ?? ''}`}>
      {options.map((o, i) => (
        <View key={o.key} className={`choice__item choice__item--${i} ${value === o.key ? 'choice__item--on' : ''}`} onClick={() => onChange(o.key)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
