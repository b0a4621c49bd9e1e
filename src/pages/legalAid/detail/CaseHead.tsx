import { Text, View } from '@tarojs/components'
import { CATEGORY_LABELS, FORM_LABELS, OUTCOME_LABELS, STATUS_LABELS, type CaseDetail } from '@/contracts/legalAid/schemas'
import { DUE_LABEL, STATUS_TONE, lastDay } from '../shared/format'

/** Who, which union, where the case stands, and the clock that runs now (先行援助 and the arbitration year too). */
export default function CaseHead({ c }: { c: CaseDetail }) {
  const due = DUE_LABEL[c.status]
  return (
    <View className='card legal-detail__head'>
      <View className='legal-case__top'>
        <Text className='legal-case__category'>
          {CATEGORY_LABELS[c.category]}
          {c.urgent ? <Text className='legal-badge legal-badge--red legal-detail__urgent'>群体 {c.groupSize} 人</Text> : null}
        </Text>
        <Text className={`legal-badge legal-badge--${STATUS_TONE[c.status]} legal-detail__status`}>{STATUS_LABELS[c.status]}</Text>
      </View>
      {c.firstAid ? (
        <Text className='legal-first-aid legal-detail__first-aid'>
          先行援助 · {c.firstAid}
          {c.viewerRole === 'applicant' ? '，工会优先处理' : '，请优先处理'}
        </Text>
      ) : null}
      <Text className='legal-detail__line'>用人单位：{c.employer}</Text>
      <Text className='legal-detail__line'>受理工会：{c.orgName}</Text>
      {c.form ? <Text className='legal-detail__line'>援助形式：{FORM_LABELS[c.form]}</Text> : null}
      {c.lawyerName ? <Text className='legal-detail__line'>承办律师：{c.lawyerName}</Text> : null}
      {c.outcome ? (
        <Text className='legal-detail__line'>
          结果：{OUTCOME_LABELS[c.outcome]}
          {c.amountRecovered ? `，挽回 ${c.amountRecovered} 元` : ''}
        </Text>
      ) : null}
      {c.declineReason ? <Text className='legal-detail__line legal-detail__decline'>不予受理理由：{c.declineReason}</Text> : null}
      {c.dueAt && due ? (
        <Text className={`legal-detail__due ${c.overdue ? 'legal-detail__due--over' : ''}`}>
          {due}：{lastDay(c.dueAt)}
          {c.overdue ? '（已逾期）' : ''}
        </Text>
      ) : null}
      {c.deadlineNote ? <Text className='legal-detail__due legal-detail__due--over'>{c.deadlineNote}</Text> : null}
      {c.arbitrationWarning ? <Text className='legal-detail__warning'>{c.arbitrationWarning}</Text> : null}
    </View>
  )
}
