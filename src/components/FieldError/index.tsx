import { Text } from '@tarojs/components'
import './index.scss'

export default function FieldError({ message }: { message?: string }) {
  return message ? <Text className='field-error'>{message}</Text> : null
}
