import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import TextField from '@/components/TextField'
import { call } from '@/api/client'
import { FORMS, FORM_LABELS, OUTCOMES, OUTCOME_LABELS, type AidForm, type CaseDetail, type Outcome } from '@/contracts/legalAid/schemas'
import { canStep, type Step } from '@/contracts/legalAid/states'
import { confirm } from '@/utils/dialog'
import type { CaseAct, CaseStep } from './act'

/**
 * The union's and the lawyer's decisions on the case: accept (with the form of aid) or decline with a reason, start,
 * close with an outcome. Each irreversible one is confirmed first. 要求补充材料 opens its own form.
 */
export default function StaffActions({ c, act, onRequestDocs }: { c: CaseDetail; act: CaseAct; onRequestDocs: () => void }) {
  const [note, setNote] = useState('')
  const [form, setForm] = useState<AidForm | ''>('')
  const [outcome, setOutcome] = useState<Outcome | ''>('')
  const [amount, setAmount] = useState('')
  const [error, setError] = useState('')
  const role = c.viewerRole === 'applicant' ? null : c.viewerRole
  const can = (step: Step) => !!role && canStep(step, c.status, role)
  if (!can('accept') && !can('start') && !can('close')) return null

  const run = async (send: CaseStep['send'], done: string) => {
    setError('')
    const r = await act.run({ send, done })
    if (r?.ok) setNote('')
  }
  const accept = async () => {
    if (!form) return setError('请选择援助形式')
    if (await confirm({ title: '受理这个案件？', content: `援助形式：${FORM_LABELS[form]}。受理后需在期限内指派律师。`, confirmText: '受理' }))
      await run(() => call('legalAid', 'accept', { id: c.id, form, note }), '已受理')
  }
  const decline = async () => {
    if (note.trim().length < 4) return setError('请在意见栏写明不予受理的理由（至少 4 个字），申请人会看到')
    if (await confirm({ title: '不予受理？', content: `理由：${note}\n申请人会收到通知并看到理由。`, confirmText: '不予受理', danger: true }))
      await run(() => call('legalAid', 'decline', { id: c.id, reason: note }), '已处理')
  }
  const start = () => run(() => call('legalAid', 'transition', { id: c.id, to: 'in_progress', note }), '已开始办理')
  const close = async () => {
    if (!outcome) return setError('请选择办结结果')
    const content = `结果：${OUTCOME_LABELS[outcome]}${amount ? `，挽回 ${amount} 元` : ''}。办结后不能再更改。`
    if (await confirm({ title: '办结这个案件？', content, confirmText: '办结', danger: true }))
      await run(
        () => call('legalAid', 'transition', { id: c.id, to: 'closed', outcome, amountRecovered: amount ? Number(amount) : undefined, note }),
        '已办结',
      )
  }

  return (
    <View className='card legal-detail__actions'>
      {can('accept') ? (
        <>
          <Text className='legal-detail__label'>援助形式</Text>
          <View className='legal-chips'>
            {FORMS.map((f) => (
              <Text key={f} className={`legal-chip legal-chip--form-${f} ${form === f ? 'legal-chip--on' : ''}`} onClick={() => setForm(f)}>
                {FORM_LABELS[f]}
              </Text>
            ))}
          </View>
        </>
      ) : null}
      {can('close') ? (
        <>
          <Text className='legal-detail__label'>办结结果</Text>
          <View className='legal-chips'>
            {OUTCOMES.filter((o) => o !== 'withdrawn').map((o) => (
              <Text key={o} className={`legal-chip ${outcome === o ? 'legal-chip--on' : ''}`} onClick={() => setOutcome(o)}>
                {OUTCOME_LABELS[o]}
              </Text>
            ))}
          </View>
          <TextField label='挽回金额（元）' name='recovered' type='digit' value={amount} placeholder='选填' onInput={setAmount} />
        </>
      ) : null}
      <Field label={can('accept') ? '受理意见' : '办理说明'} name='note' hint={can('accept') ? '不予受理时在这里写明理由，申请人会看到' : '选填'}>
        <Textarea
          className='field__textarea legal-detail__note'
          value={note}
          maxlength={300}
          placeholder={can('accept') ? '受理意见；不予受理时写明理由' : '办理说明（选填）'}
          onInput={(e) => setNote(e.detail.value)}
        />
      </Field>
      {error || act.error ? <Text className='legal-detail__error'>{error || act.error?.fields?.[0]?.message || act.error?.message}</Text> : null}
      <View className='legal-detail__buttons'>
        {can('accept') ? (
          <Btn className='legal-detail__accept' disabled={act.busy} onClick={accept}>
            受理
          </Btn>
        ) : null}
        {can('decline') ? (
          <Btn kind='secondary' className='legal-detail__decline-btn' disabled={act.busy} onClick={decline}>
            不予受理
          </Btn>
        ) : null}
        {can('requestDocs') && !c.docsRequest ? (
          <Btn kind='secondary' className='legal-detail__request-docs' disabled={act.busy} onClick={onRequestDocs}>
            要求补充材料
          </Btn>
        ) : null}
        {can('start') ? (
          <Btn className='legal-detail__start' disabled={act.busy} onClick={start}>
            开始办理
          </Btn>
        ) : null}
        {can('close') ? (
          <Btn className='legal-detail__close' disabled={act.busy} onClick={close}>
            办结
          </Btn>
        ) : null}
      </View>
    </View>
  )
}
