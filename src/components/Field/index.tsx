import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import FieldError from '../FieldError'
import './index.scss'

interface Props {
  label: string
  /** Used as a class suffix so tests and styles can find one field. */
  name: string
  required?: boolean
  hint?: ReactNode
  error?: string
  children: ReactNode
}

export default function Field({ label, name, required, hint, error, children }: Props) {
  return (
    <View className={`field field--${name} ${error ? 'field--invalid' : ''}`}>
      <View className='field__label'>
        <Text>{label}</Text>
        {required ? <Text className='field__required'>*</Text> : null}
      </View>
      <View className='field__control'>{children}</View>
      {hint ? <View className='field__hint'>{hint}</View> : null}
      <FieldError message={error} />
    </View>
  )
}
