import { Text } from '@tarojs/components'
import './index.scss'

export default function OpenBadge({ open }: { open: boolean }) {
  return <Text className={`open-badge open-badge--${open ? 'open' : 'closed'}`}>{open ? '营业中' : '已打烊'}</Text>
}
