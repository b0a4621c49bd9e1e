import { Text, View } from '@tarojs/components'
import type { CaseDetail } from '@/contracts/legalAid/schemas'

/** What the worker wrote; the phone in full only for staff and the lawyer (whose read is logged). */
export default function CaseFacts({ c }: { c: CaseDetail }) {
  return (
    <View className='card legal-detail__facts'>
      <Text className='legal-detail__label'>事实经过</Text>
      <Text className='legal-detail__text'>{c.facts}</Text>
      <Text className='legal-detail__label'>诉求</Text>
      <Text className='legal-detail__text'>{c.claim}</Text>
      {c.amount !== null ? <Text className='legal-detail__line'>涉及金额：{c.amount} 元</Text> : null}
      {c.clocks.map((t) => (
        <Text key={t} className='legal-detail__line legal-detail__clock'>
          {t}
        </Text>
      ))}
      <Text className='legal-detail__line'>
        联系电话：{c.phone}
        {c.viewerRole === 'applicant' ? '' : `（${c.applicantName}）`}
      </Text>
      {c.means ? (
        <Text className={`legal-detail__line ${c.hardshipExempt ? 'legal-detail__exempt' : ''} legal-detail__means`}>经济状况：{c.means}</Text>
      ) : c.hardshipExempt ? (
        <Text className='legal-detail__line legal-detail__exempt'>本工会不审查经济困难</Text>
      ) : null}
    </View>
  )
}
