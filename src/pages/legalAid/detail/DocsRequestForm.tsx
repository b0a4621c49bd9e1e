import { Text, Textarea, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import { DatePicker } from '@/components/DateTimePicker'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import { call } from '@/api/client'
import { MAX_DOC_ITEMS, requestDocsInput, type CaseDetail } from '@/contracts/legalAid/schemas'
import { addDays, beijingDay } from '@/contracts/time'
import { useForm } from '@/data'
import { confirm } from '@/utils/dialog'
import { dayText } from '../shared/format'
import type { CaseAct } from './act'

/** The default time to supply documents, and the longest the server allows. */
const DEFAULT_DAYS = 7
const MAX_DAYS = 30

/**
 * 一次性告知: staff list everything missing at once, with the last day to supply it. The list can be given once;
 * the worker is told that no reply by then means the application is treated as withdrawn.
 */
export default function DocsRequestForm({ c, act, onDone }: { c: CaseDetail; act: CaseAct; onDone: () => void }) {
  const today = beijingDay()
  const form = useForm({
    initial: { items: [''], dueDay: addDays(today, DEFAULT_DAYS), note: '' },
    schema: requestDocsInput,
    toInput: (v) => ({ id: c.id, items: v.items.map((x) => x.trim()).filter(Boolean), dueDay: v.dueDay, note: v.note }),
  })
  const { items, dueDay, note } = form.values
  const setItem = (i: number, value: string) =>
    form.set(
      'items',
      items.map((x, j) => (j === i ? value : x)),
    )

  const send = () =>
    form.submit(async (data) => {
      const ok = await confirm({
        title: '一次性告知补充材料？',
        content: `共 ${data.items.length} 项，${dayText(data.dueDay)}前补齐。只能告知一次，请确认已列全。逾期未补充视为撤回申请。`,
        confirmText: '发送',
      })
      if (!ok) return null
      const r = await act.run({ send: () => call('legalAid', 'requestDocs', data), done: '已告知' })
      if (r?.ok) onDone()
      return r
    })

  return (
    <View className='card legal-docs-form'>
      <Text className='legal-detail__label'>需要补充的材料（一次列全，最多 {MAX_DOC_ITEMS} 项）</Text>
      {items.map((x, i) => (
        <Field key={i} label={`第 ${i + 1} 项`} name={`doc-item-${i}`} error={form.error(`items.${i}`)}>
          <View className='legal-docs-form__row'>
            <Textarea
              className='field__textarea legal-docs-form__item'
              value={x}
              maxlength={40}
              autoHeight
              placeholder='如：2026 年 1–6 月工资条'
              onInput={(e) => setItem(i, e.detail.value)}
            />
            {items.length > 1 ? (
              <Text
                className='legal-docs-form__remove'
                onClick={() =>
                  form.set(
                    'items',
                    items.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </Text>
            ) : null}
          </View>
        </Field>
      ))}
      {form.error('items') && !items.some((_, i) => form.error(`items.${i}`)) ? <Text className='field-error'>{form.error('items')}</Text> : null}
      {items.length < MAX_DOC_ITEMS ? (
        <Btn kind='ghost' size='sm' className='legal-docs-form__add' onClick={() => form.set('items', [...items, ''])}>
          再加一项
        </Btn>
      ) : null}
      <Field label='最晚补充日期' name='due-day' error={form.error('dueDay')} hint='过了这一天还没补齐，申请视为撤回；前一天会提醒申请人'>
        <DatePicker value={dueDay} start={addDays(today, 1)} end={addDays(today, MAX_DAYS)} onChange={(d) => form.set('dueDay', d)} />
      </Field>
      <Field label='说明（选填）' name='docs-note' error={form.error('note')}>
        <Textarea
          className='field__textarea legal-detail__note'
          value={note}
          maxlength={300}
          placeholder='如：照片要看得清金额和日期'
          onInput={(e) => form.set('note', e.detail.value)}
        />
      </Field>
      <FormError message={form.formError} />
      <View className='legal-detail__buttons'>
        <Btn className='legal-docs-form__send' loading={act.busy} onClick={send}>
          发送给申请人
        </Btn>
        <Btn kind='secondary' onClick={onDone}>
          取消
        </Btn>
      </View>
    </View>
  )
}
