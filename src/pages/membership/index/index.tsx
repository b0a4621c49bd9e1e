import ComingSoon from '@/components/ComingSoon'

export default function MembershipPage() {
  return (
    <ComingSoon
      mark='会'
      title='入会'
      lines={['在线填写入会申请，上传材料，随时查看审核进度。', '入会后可享受工会会员的各项服务与福利。']}
    />
  )
}
