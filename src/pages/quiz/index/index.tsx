import ComingSoon from '@/components/ComingSoon'

export default function QuizPage() {
  return (
    <ComingSoon
      mark='答'
      title='答题抽奖'
      lines={['学习劳动法律和安全知识，答题即可参与抽奖。', '活动上线后会在首页通知大家。']}
    />
  )
}
