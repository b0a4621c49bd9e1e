import { Text, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import Taro from '@tarojs/taro'
import { CATEGORY_LABELS, STATUS_LABELS, type CaseListItem } from '@/contracts/legalAid/schemas'
import { DETAIL_URL, DUE_LABEL, STATUS_TONE, lastDay } from './format'

/**
 * One case in a list: the worker's 我的法律援助 and the staff or lawyer's queue (`official`: applicant, masked
 * phone, running deadline and lawyer shown). 先行援助 says why on the card itself.
 */
export default function CaseCard({ c, official = false, staff = false }: { c: CaseListItem; official?: boolean; staff?: boolean }) {
  const due = DUE_LABEL[c.status]
  return (
    <View
      className={`card legal-case ${official ? 'legal-queue__item' : ''} ${c.overdue ? 'legal-case--overdue' : ''} ${c.firstAid ? 'legal-case--first-aid' : ''}`}
      onClick={() => Taro.navigateTo({ url: DETAIL_URL(c.id) })}
    >
      <View className='legal-case__top'>
        <Text className='legal-case__category'>
          {CATEGORY_LABELS[c.category]}
          {c.urgent ? <Text className='legal-badge legal-badge--red legal-queue__urgent'>群体 {c.groupSize} 人</Text> : null}
        </Text>
        <Text className={`legal-badge legal-badge--${STATUS_TONE[c.status]}`}>{STATUS_LABELS[c.status]}</Text>
      </View>
      {c.firstAid ? <Text className='legal-first-aid'>先行援助 · {c.firstAid}</Text> : null}
      <Text className='legal-case__employer'>{c.employer}</Text>
      {official ? (
        <Text className='muted'>
          {c.applicantName} · {c.phoneMasked} · {beijingMonthDayTime(c.submittedAt)}
        </Text>
      ) : (
        <Text className='muted'>
          {beijingMonthDayTime(c.submittedAt)} 提交 · {c.orgName}
          {c.lawyerName ? ` · ${c.lawyerName}` : ''}
        </Text>
      )}
      {official && c.dueAt && due ? (
        <Text className={c.overdue ? 'legal-queue__due legal-queue__due--over' : 'legal-queue__due'}>
          {due} {lastDay(c.dueAt)}
          {c.overdue ? ' · 已逾期' : ''}
        </Text>
      ) : null}
      {!official && c.status === 'needs_docs' && c.dueAt ? (
        <Text className='legal-queue__due legal-queue__due--over'>请在 {lastDay(c.dueAt)} 前补充材料</Text>
      ) : null}
      {staff && c.lawyerName ? <Text className='muted'>承办：{c.lawyerName}</Text> : null}
    </View>
  )
}
