import { Text, Textarea, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import ReasonBox from '@/components/ReasonBox'
import { call } from '@/api/client'
import { OBJECTION_DAYS, type CaseDetail } from '@/contracts/legalAid/schemas'
import { canStep } from '@/contracts/legalAid/states'
import { confirm } from '@/utils/dialog'
import { lastDay } from '../shared/format'
import type { CaseAct } from './act'

/**
 * 异议: the refused applicant objects (once); the union above answers within 5 days. Everyone on the case sees the
 * objection and its answer; only a reviewer (never the one who refused) sees the decision buttons.
 */
export default function ObjectionCard({ c, act }: { c: CaseDetail; act: CaseAct }) {
  const [writing, setWriting] = useState(false)
  const [text, setText] = useState('')
  const o = c.objection
  const mayObject = c.viewerRole === 'applicant' && !o && canStep('object', c.status, 'applicant')

  if (mayObject && !writing)
    return (
      <Btn kind='secondary' className='legal-objection__open' onClick={() => setWriting(true)}>
        对不予受理有异议
      </Btn>
    )
  if (mayObject)
    return (
      <ReasonBox
        className='legal-objection__box'
        title='异议理由'
        hint={`至少 4 个字。由上级工会在 ${OBJECTION_DAYS} 日内审查答复，只能提出一次`}
        placeholder='如：我是农民工讨要工资，应当免予经济困难审查'
        value={text}
        maxLength={500}
        error={act.error?.fields?.[0]?.message ?? act.error?.message}
        busy={act.busy}
        confirmText='提交异议'
        onInput={setText}
        onCancel={() => setWriting(false)}
        onConfirm={() => void act.run({ send: () => call('legalAid', 'object', { id: c.id, reason: text }), done: '已提交异议' })}
      />
    )
  if (!o) return null
  return (
    <>
      <View className='section-title'>异议</View>
      <View className='card legal-objection'>
        <Text className='legal-detail__line'>
          {beijingMonthDayTime(o.at)} 提出：{o.reason}
        </Text>
        {o.decision ? (
          <Text className={`legal-objection__answer legal-objection__answer--${o.decision}`}>
            {o.reviewOrgName}
            {o.decision === 'uphold' ? '维持不予受理' : '责令重新审查'}
            {o.note ? `：${o.note}` : ''}（{o.decidedAt ? beijingMonthDayTime(o.decidedAt) : ''}）
          </Text>
        ) : (
          <Text className='legal-objection__waiting'>
            {o.reviewOrgName}审查中，{lastDay(o.dueAt)}前答复
          </Text>
        )}
        {c.canDecideObjection ? <Decide c={c} act={act} /> : null}
      </View>
    </>
  )
}

function Decide({ c, act }: { c: CaseDetail; act: CaseAct }) {
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const decide = async (decision: 'uphold' | 'overturn') => {
    if (decision === 'uphold' && note.trim().length < 4) return setError('维持不予受理时请写明理由（至少 4 个字），申请人会看到')
    setError('')
    const ok = await confirm({
      title: decision === 'uphold' ? '维持不予受理？' : '责令重新审查？',
      content: decision === 'uphold' ? '申请人会收到答复和理由。' : `${c.orgName}将重新决定是否受理，申请人会收到通知。`,
      confirmText: '确定',
      danger: decision === 'uphold',
    })
    if (ok) await act.run({ send: () => call('legalAid', 'decideObjection', { id: c.id, decision, note }), done: '已答复' })
  }
  return (
    <View className='legal-objection__decide'>
      <Textarea
        className='field__textarea legal-detail__note'
        value={note}
        maxlength={300}
        placeholder='审查意见（维持时必填）'
        onInput={(e) => setNote(e.detail.value)}
      />
      <FieldError message={error || act.error?.fields?.[0]?.message} />
      <View className='legal-detail__buttons'>
        <Btn className='legal-objection__overturn' disabled={act.busy} onClick={() => decide('overturn')}>
          责令重新审查
        </Btn>
        <Btn kind='secondary' className='legal-objection__uphold' disabled={act.busy} onClick={() => decide('uphold')}>
          维持不予受理
        </Btn>
      </View>
    </View>
  )
}
