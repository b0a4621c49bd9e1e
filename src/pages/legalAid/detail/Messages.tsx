import { Text, Textarea, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { call } from '@/api/client'
import { askForNotices } from '@/api/subscribe'
import type { NoticeKey } from '@/contracts/notices'
import type { CaseDetail } from '@/contracts/legalAid/schemas'
import type { CaseAct } from './act'

/** What a case sends its applicant; asked for together, WeChat allows three at once. */
export const CASE_NOTICES: NoticeKey[] = ['legal_aid_update', 'legal_aid_message']

/** Messages between the applicant and the union or lawyer, and the box to write one. */
export default function Messages({ c, act }: { c: CaseDetail; act: CaseAct }) {
  const [text, setText] = useState('')
  const open = c.status !== 'closed' && c.status !== 'declined'
  const send = async () => {
    // The applicant's reply is the tap where WeChat lets us renew the one-time subscription for the next update.
    if (c.viewerRole === 'applicant' && open) await askForNotices(CASE_NOTICES)
    const r = await act.run({ send: () => call('legalAid', 'message', { caseId: c.id, text }), done: '已发送' })
    if (r?.ok) setText('')
  }
  return (
    <>
      <Text className='section-title'>留言</Text>
      <View className='card legal-messages'>
        {c.messages.length ? null : <Text className='muted'>还没有留言</Text>}
        {c.messages.map((m, i) => (
          <View key={i} className={`legal-message ${m.mine ? 'legal-message--mine' : ''}`}>
            <Text className='legal-message__who'>
              {m.mine ? '我' : m.fromName} · {beijingMonthDayTime(m.at)}
            </Text>
            <Text className='legal-message__text'>{m.text}</Text>
          </View>
        ))}
        {c.status !== 'declined' ? (
          <View className='legal-messages__compose'>
            <Textarea
              className='field__textarea legal-messages__input'
              value={text}
              maxlength={500}
              placeholder={c.viewerRole === 'applicant' ? '给承办律师或工会留言' : '给申请人留言'}
              onInput={(e) => setText(e.detail.value)}
            />
            <Btn size='sm' className='legal-messages__send' disabled={act.busy || !text.trim()} onClick={send}>
              发送
            </Btn>
          </View>
        ) : null}
      </View>
    </>
  )
}
