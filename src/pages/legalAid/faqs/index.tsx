import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import Field from '@/components/Field'
import FieldError from '@/components/FieldError'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { legalAidApi } from '@/contracts/legalAid/api'
import { saveFaqInput, type Faq } from '@/contracts/legalAid/consult'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/contracts/legalAid/schemas'
import { useForm, useMutation, useQuery } from '@/data'
import CategoryChips from '../shared/CategoryChips'
import './index.scss'

/** Adding or editing one entry; drawn fresh (keyed) for each, so its inputs start with the entry's text. */
function FaqForm({ orgId, faq, onDone }: { orgId: string; faq: Faq | null; onDone: () => void }) {
  const form = useForm({
    initial: {
      category: (faq?.category ?? null) as Category | null,
      question: faq?.question ?? '',
      answer: faq?.answer ?? '',
      hidden: faq?.hidden ?? false,
    },
    schema: saveFaqInput,
    toInput: (v) => ({ id: faq?.id, orgId, category: v.category ?? undefined, question: v.question, answer: v.answer, hidden: v.hidden }),
  })
  const save = useMutation('legalAid', 'saveFaq', { success: '已保存', onSuccess: onDone })
  return (
    <View className='card legal-faqs__form'>
      <Text className='section-title'>{faq ? '修改问答' : '新增问答'}</Text>
      <CategoryChips value={form.values.category} onChange={(c) => form.set('category', c)} />
      <FieldError message={form.error('category')} />
      <TextField
        label='问题'
        name='faq-question'
        required
        value={form.values.question}
        maxlength={60}
        placeholder='职工常问的一句话，如：老板拖欠工资怎么办？'
        error={form.error('question')}
        onInput={(x) => form.set('question', x)}
      />
      <Field label='解答' name='faq-answer' required error={form.error('answer')} hint='用职工看得懂的话：先做什么、找谁、要准备什么证据、有什么期限'>
        <Textarea
          className='field__textarea legal-faqs__textarea'
          value={form.values.answer}
          maxlength={1000}
          onInput={(e) => form.set('answer', e.detail.value)}
        />
      </Field>
      <Check checked={form.values.hidden} onChange={(x) => form.set('hidden', x)}>
        暂时隐藏（职工看不到）
      </Check>
      <FormError message={form.formError} />
      <View className='legal-faqs__actions'>
        <Btn size='sm' className='legal-faqs__save' loading={save.busy} onClick={() => form.submit((d) => save.run(d))}>
          保存
        </Btn>
        <Btn size='sm' kind='ghost' onClick={onDone}>
          取消
        </Btn>
      </View>
    </View>
  )
}

function Entry({
  f,
  first,
  last,
  onEdit,
  onChanged,
}: {
  f: Faq
  first: boolean
  last: boolean
  onEdit: () => void
  onChanged: (items: Faq[] | null) => void
}) {
  const move = useMutation('legalAid', 'moveFaq', { onSuccess: (r) => onChanged(r.items) })
  const hide = useMutation('legalAid', 'saveFaq', { success: f.hidden ? '已显示' : '已隐藏', onSuccess: () => onChanged(null) })
  return (
    <View className={`card legal-faqs__item ${f.hidden ? 'legal-faqs__item--hidden' : ''}`}>
      <Text className='legal-faqs__q'>
        {f.question}
        {f.hidden ? '（已隐藏）' : ''}
      </Text>
      <Text className='legal-faqs__a'>{f.answer}</Text>
      <View className='legal-faqs__actions'>
        {!first ? (
          <Btn key='up' size='sm' kind='ghost' onClick={() => move.run({ id: f.id, direction: 'up' })}>
            上移
          </Btn>
        ) : null}
        {!last ? (
          <Btn key='down' size='sm' kind='ghost' onClick={() => move.run({ id: f.id, direction: 'down' })}>
            下移
          </Btn>
        ) : null}
        <Btn size='sm' kind='secondary' onClick={onEdit}>
          修改
        </Btn>
        <Btn
          size='sm'
          kind='ghost'
          onClick={() => hide.run({ id: f.id, orgId: f.orgId, category: f.category, question: f.question, answer: f.answer, hidden: !f.hidden })}
        >
          {f.hidden ? '显示' : '隐藏'}
        </Btn>
      </View>
    </View>
  )
}

function Faqs() {
  const list = useQuery('legalAid', 'manageFaqs', {})
  const [editing, setEditing] = useState<string | null>(null)
  const done = () => {
    setEditing(null)
    void list.reload(true)
  }
  return (
    <View className='page legal-faqs'>
      <PageState query={list}>
        {({ orgId, orgName, items }) => (
          <>
            <Text className='legal-faqs__lead'>{orgName}的常见问答。职工提问前先看到这里的解答；隐藏的不给职工看。</Text>
            {editing === 'new' ? (
              <FaqForm key='new' orgId={orgId} faq={null} onDone={done} />
            ) : (
              <Btn key='add' className='legal-faqs__add' onClick={() => setEditing('new')}>
                新增问答
              </Btn>
            )}
            {CATEGORIES.map((c) => {
              const of = items.filter((f) => f.category === c)
              if (!of.length) return null
              return (
                <View key={c}>
                  <Text className='section-title'>{CATEGORY_LABELS[c]}</Text>
                  {of.map((f, i) =>
                    editing === f.id ? (
                      <FaqForm key={`edit-${f.id}`} orgId={orgId} faq={f} onDone={done} />
                    ) : (
                      <Entry
                        key={f.id}
                        f={f}
                        first={i === 0}
                        last={i === of.length - 1}
                        onEdit={() => setEditing(f.id)}
                        onChanged={(next) => (next ? list.setData((d) => ({ ...d, items: next })) : void list.reload(true))}
                      />
                    ),
                  )}
                </View>
              )
            })}
          </>
        )}
      </PageState>
    </View>
  )
}

export default function FaqsPage() {
  return <RoleGate spec={legalAidApi.manageFaqs}>{() => <Faqs />}</RoleGate>
}
