import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { legalAidApi } from '@/contracts/legalAid/api'
import { ANSWER_MAX, answerInput, type ConsultItem } from '@/contracts/legalAid/consult'
import { CATEGORY_LABELS } from '@/contracts/legalAid/schemas'
import { beijingMonthDayTime } from '@/contracts/time'
import { useForm, useMutation, useQuery } from '@/data'
import { confirm } from '@/utils/dialog'
import './index.scss'

/** The answer box under one waiting question. */
function AnswerBox({ c, onDone }: { c: ConsultItem; onDone: () => Promise<void> }) {
  const form = useForm({ initial: { answer: '' }, schema: answerInput, toInput: (v) => ({ id: c.id, answer: v.answer }) })
  const answer = useMutation('legalAid', 'answer', { success: '已发送', onSuccess: onDone })
  const send = () =>
    form.submit(async (data) => {
      const ok = await confirm({
        title: '发送解答？',
        content: '职工会在「消息」里收到这条解答，发出后不能修改。',
        confirmText: '发送',
        cancelText: '再看看',
      })
      return ok ? answer.run(data) : null
    })
  return (
    <>
      <Field label='解答' name={`answer-${c.id}`} required error={form.error('answer')}>
        <Textarea
          className='field__textarea legal-answers__input'
          value={form.values.answer}
          maxlength={ANSWER_MAX}
          placeholder='用职工看得懂的话：先做什么、找谁、要准备什么证据、有什么期限'
          onInput={(e) => form.set('answer', e.detail.value)}
        />
      </Field>
      <FormError message={form.formError} />
      <Btn size='sm' className='legal-answers__send' loading={answer.busy} onClick={send}>
        发送解答
      </Btn>
    </>
  )
}

function Item({ c, onDone }: { c: ConsultItem; onDone: () => Promise<void> }) {
  return (
    <View className='card legal-consult legal-answers__item'>
      <View className='legal-case__top'>
        <Text className='legal-case__category'>{CATEGORY_LABELS[c.category]}</Text>
        <Text className='muted'>{beijingMonthDayTime(c.askedAt)}</Text>
      </View>
      <Text className='muted'>
        {c.orgName}
        {c.employer ? ` · ${c.employer}` : ''}
      </Text>
      <Text className='legal-consult__question'>{c.question}</Text>
      {c.status === 'open' ? (
        <AnswerBox key='box' c={c} onDone={onDone} />
      ) : (
        <View key='answer' className='legal-consult__answer'>
          <Text className='legal-message__who'>
            {c.answeredBy} · {c.answeredAt ? beijingMonthDayTime(c.answeredAt) : ''}
            {c.caseId ? ' · 已转为申请' : ''}
          </Text>
          <Text>{c.answer}</Text>
        </View>
      )}
    </View>
  )
}

function Answers({ staff }: { staff: boolean }) {
  const [status, setStatus] = useState<'open' | 'answered'>('open')
  const queue = useQuery('legalAid', 'consultQueue', { status })
  return (
    <View className='page legal-answers'>
      <View className='legal-answers__tabs'>
        {(['open', 'answered'] as const).map((s) => (
          <Text
            key={s}
            className={`legal-answers__tab legal-answers__tab--${s} ${status === s ? 'legal-answers__tab--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s === 'open' ? '待解答' : '已解答'}
          </Text>
        ))}
        {staff ? (
          <Text className='legal-answers__faqs' onClick={() => Taro.navigateTo({ url: '/pages/legalAid/faqs/index' })}>
            常见问答
          </Text>
        ) : null}
      </View>
      {status === 'open' ? <Text className='muted'>按提问先后排列，先答最早的。</Text> : null}
      <PageState query={queue} isEmpty={(d) => !d.items.length} empty={{ title: status === 'open' ? '没有待解答的咨询' : '还没有解答过的咨询' }}>
        {({ items }) => items.map((c) => <Item key={c.id} c={c} onDone={() => queue.reload(true)} />)}
      </PageState>
    </View>
  )
}

export default function AnswersPage() {
  return <RoleGate spec={legalAidApi.consultQueue}>{(me) => <Answers staff={me.roles.includes('staff') || me.roles.includes('admin')} />}</RoleGate>
}
