import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { askForNotices, canRemind, isLongTerm } from '@/api/subscribe'
import type { NoticeKey } from '@/contracts/notices'
import Btn from '../Btn'
import './index.scss'

interface Props {
  /** the notices this case or booking can still send */
  notices: NoticeKey[]
  /** what the next notice is about, e.g. 案件的下一步进度 */
  what: string
}

/**
 * Says plainly which updates reach WeChat: every one is in 消息中心, but a one-time subscription delivers only one
 * WeChat 服务通知, so the worker can renew it here with one tap (pages also ask again when the worker next acts).
 * In H5, and where no template is configured, there is no WeChat reminder to offer: the card says so.
 */
export default function NoticeReminder({ notices, what }: Props) {
  const [accepted, setAccepted] = useState(false)
  const available = canRemind(notices)
  const longTerm = isLongTerm(notices)
  const ask = async () => {
    const ok = await askForNotices(notices)
    setAccepted(ok.length > 0)
    Taro.showToast({ title: ok.length ? '已开启下一次提醒' : '未开启，可在消息中心查看', icon: ok.length ? 'success' : 'none' })
  }
  return (
    <View className='card notice-reminder'>
      <Text className='notice-reminder__title'>进度提醒</Text>
      <Text className='notice-reminder__text'>
        {!available
          ? `${what}都会出现在「消息中心」，请留意「我的 → 消息中心」。`
          : longTerm
            ? `${what}都会出现在「消息中心」。${accepted ? '已开启长期提醒，之后每一条都会发到微信。' : '开启长期提醒后，每一条都会发到微信。'}`
            : `${what}都会出现在「消息中心」。微信每次订阅只送达一条服务通知，${accepted ? '下一条会发到微信。' : '要在微信里收到下一条，请点下面的按钮。'}`}
      </Text>
      {available && !accepted ? (
        <Btn kind='secondary' size='sm' className='notice-reminder__ask' onClick={ask}>
          {longTerm ? '开启微信长期提醒' : '下一条也发微信提醒'}
        </Btn>
      ) : null}
    </View>
  )
}
