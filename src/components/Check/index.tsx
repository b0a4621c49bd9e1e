import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

interface Props {
  checked: boolean
  onChange: (next: boolean) => void
  children?: ReactNode
  className?: string
}

/**
 * A drawn checkbox: Taro's Checkbox looks different in WeChat and the browser and is awkward to style,
 * and the whole row (not only the box) should be the tap target.
 */
export default function Check({ checked, onChange, children, className }: Props) {
  return (
    <View
      className={`check ${checked ? 'check--on' : ''} ${className ?? ''}`}
      onClick={(e) => {
        // Inside a tappable list row the box must not also open the row.
        e.stopPropagation()
        onChange(!checked)
      }}
    >
      <View className='check__box'>{checked ? <Text className='check__tick'>✓</Text> : null}</View>
      {children ? <View className='check__label'>{children}</View> : null}
    </View>
  )
}
