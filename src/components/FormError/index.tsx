import { Text } from '@tarojs/components'
import './index.scss'

/** The one line under a form's submit button for what belongs to no field (network, conflict). */
export default function FormError({ message }: { message?: string }) {
  return message ? <Text className='form-error'>{message}</Text> : null
}
