import ComingSoon from '@/components/ComingSoon'

export default function ChildcarePage() {
  return (
    <ComingSoon
      mark='托'
      title='暑期托管'
      lines={['为职工子女提供暑期托管班在线报名。', '可查看各托管点的时间、名额与课程安排。']}
    />
  )
}
