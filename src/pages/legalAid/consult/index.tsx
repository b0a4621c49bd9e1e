import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FieldError from '@/components/FieldError'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import TextField from '@/components/TextField'
import { askForNotices } from '@/api/subscribe'
import { askInput, QUESTION_MAX, type ConsultItem } from '@/contracts/legalAid/consult'
import { CATEGORY_LABELS, type Category } from '@/contracts/legalAid/schemas'
import { beijingMonthDayTime } from '@/contracts/time'
import { useForm, useMutation, useQuery } from '@/data'
import CategoryChips from '../shared/CategoryChips'
import { DETAIL_URL } from '../shared/format'
import './index.scss'

const APPLY_FROM = (id: string) => `/pages/legalAid/apply/index?consult=${encodeURIComponent(id)}`

/** One of the worker's consultations: the question, the answer when it came, and the way on to an application. */
function ConsultCard({ c, focus }: { c: ConsultItem; focus: boolean }) {
  return (
    <View className={`card legal-consult ${focus ? 'legal-consult--focus' : ''}`}>
      <View className='legal-case__top'>
        <Text className='legal-case__category'>{CATEGORY_LABELS[c.category]}</Text>
        <Text className={`legal-badge legal-badge--${c.status === 'answered' ? 'green' : 'amber'}`}>
          {c.status === 'answered' ? '已解答' : '待解答'}
        </Text>
      </View>
      <Text className='muted'>
        {beijingMonthDayTime(c.askedAt)} 提问 · {c.orgName}
      </Text>
      <Text className='legal-consult__question'>{c.question}</Text>
      {c.answer ? (
        <View className='legal-consult__answer'>
          <Text className='legal-message__who'>
            {c.answeredBy} 解答 · {c.answeredAt ? beijingMonthDayTime(c.answeredAt) : ''}
          </Text>
          <Text>{c.answer}</Text>
        </View>
      ) : (
        <Text className='muted'>工会律师会按提问先后解答，解答后在「消息」里通知您。</Text>
      )}
      {c.caseId ? (
        <Btn key='case' kind='ghost' size='sm' onClick={() => Taro.navigateTo({ url: DETAIL_URL(c.caseId!) })}>
          已转为法律援助申请，查看进度
        </Btn>
      ) : (
        <Btn key='apply' kind='secondary' size='sm' className='legal-consult__apply' onClick={() => Taro.navigateTo({ url: APPLY_FROM(c.id) })}>
          转为法律援助申请
        </Btn>
      )}
    </View>
  )
}

export default function ConsultPage() {
  const { params } = useRouter()
  const [category, setCategory] = useState<Category>('wage')
  const [open, setOpen] = useState<string | null>(null)
  const faqs = useQuery('legalAid', 'faqs', { category })
  const mine = useQuery('legalAid', 'myConsults', {})
  const form = useForm({
    initial: { question: '', employer: '' },
    schema: askInput,
    toInput: (v) => ({ category, question: v.question, employer: v.employer }),
  })
  const ask = useMutation('legalAid', 'ask', {
    success: '已提交',
    onSuccess: async () => {
      form.reset({ question: '', employer: '' })
      await mine.reload(true)
    },
  })
  const send = () =>
    form.submit(async (data) => {
      // the answer arrives as a notice: the tap that sends the question is where WeChat lets us ask for it
      await askForNotices(['legal_aid_message'])
      return ask.run(data)
    })
  const focus = params.id ?? null

  return (
    <View className='page legal-ask'>
      <Text className='legal-ask__lead'>先看看常见问答，很多问题这里就有答案；没找到，再问工会的律师。提问不用填手机号和身份证号。</Text>
      <Text className='section-title'>您遇到的是什么问题？</Text>
      <CategoryChips value={category} onChange={setCategory} />

      <Text className='section-title'>常见问答 · {CATEGORY_LABELS[category]}</Text>
      <View className='card'>
        <PageState query={faqs} isEmpty={(d) => !d.items.length} empty={{ title: '这类问题还没有常见问答', detail: '请在下面直接提问。' }}>
          {({ items }) =>
            items.map((f) => (
              <View key={f.id} className='legal-faq' onClick={() => setOpen(open === f.id ? null : f.id)}>
                <Text className='legal-faq__q'>
                  {open === f.id ? '▾' : '▸'} {f.question}
                </Text>
                {open === f.id ? <Text className='legal-faq__a'>{f.answer}</Text> : null}
              </View>
            ))
          }
        </PageState>
      </View>

      <Text className='section-title'>没找到答案？问问律师</Text>
      <View className='card'>
        <Field label='您的问题' name='question' required error={form.error('question')} hint='写清楚什么时候、在哪个单位、发生了什么，律师才好回答'>
          <Textarea
            className='field__textarea legal-ask__textarea'
            value={form.values.question}
            maxlength={QUESTION_MAX}
            placeholder={`例：${CATEGORY_LABELS[category]}问题，……我该怎么办？`}
            onInput={(e) => form.set('question', e.detail.value)}
          />
        </Field>
        <TextField
          label='用人单位'
          name='employer'
          value={form.values.employer}
          maxlength={60}
          placeholder='选填：填了由单位所在的工会解答'
          error={form.error('employer')}
          onInput={(x) => form.set('employer', x)}
        />
        <FieldError message={form.error('category')} />
      </View>
      <FormError message={form.formError} />
      <Btn className='legal-ask__send' loading={ask.busy} onClick={send}>
        {ask.busy ? '正在提交…' : '提交咨询'}
      </Btn>

      <Text className='section-title'>我的咨询</Text>
      <PageState query={mine} isEmpty={(d) => !d.items.length} empty={{ title: '还没有提过问题', detail: '律师解答后会在「消息」里通知您。' }}>
        {({ items }) => {
          const sorted = focus ? [...items.filter((c) => c.id === focus), ...items.filter((c) => c.id !== focus)] : items
          return sorted.map((c) => <ConsultCard key={c.id} c={c} focus={c.id === focus} />)
        }}
      </PageState>
    </View>
  )
}
