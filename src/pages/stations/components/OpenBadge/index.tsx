import { Text } from '@tarojs/components'
import './index.scss'

/** 营业中 / 已打烊, or 暂停开放 while a station is paused (`suspendedUntil`, the day it opens again). */
export default function OpenBadge({ open, suspendedUntil }: { open: boolean; suspendedUntil?: string }) {
  if (suspendedUntil) return <Text className='open-badge open-badge--closed open-badge--suspended'>暂停开放</Text>
  return <Text className={`open-badge open-badge--${open ? 'open' : 'closed'}`}>{open ? '营业中' : '已打烊'}</Text>
}
