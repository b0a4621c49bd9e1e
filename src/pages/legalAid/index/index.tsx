import ComingSoon from '@/components/ComingSoon'

export default function LegalAidPage() {
  return (
    <ComingSoon
      mark='法'
      title='法律援助'
      lines={['遇到欠薪、工伤、劳动合同纠纷，可在线申请免费法律援助。', '工会律师会尽快与您联系。']}
    />
  )
}
