import { Text } from '@tarojs/components'
import './index.scss'

/**
 * 营业中, or when it opens next: 今天 14:00 开门, 明天 08:30 开门, 周一 08:30 开门; 已打烊 (`statusText`, computed by the server in Beijing
 * time), or 暂停开放 while a station is paused (`suspendedUntil`, the day it opens again).
 */
export default function OpenBadge({ open, statusText, suspendedUntil }: { open: boolean; statusText?: string; suspendedUntil?: string }) {
  if (suspendedUntil) return <Text className='open-badge open-badge--closed open-badge--suspended'>暂停开放</Text>
  const later = !open && !!statusText && statusText.includes('开门')
  return <Text className={`open-badge open-badge--${open ? 'open' : later ? 'later' : 'closed'}`}>{statusText || (open ? '营业中' : '已打烊')}</Text>
}
