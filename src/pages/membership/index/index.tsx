import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import Timeline from '@/pages/membership/components/Timeline'
import type { MyApplication } from '@/contracts/membership/schemas'
import { useMutation, useQuery } from '@/data'
import { formatDate, formatDateTime, ROUTED_BY_LABELS } from '@/utils/membership'
import { RETAINED_RULES } from '@/contracts/membership/standing'
import { APPLY_PAGE, CARD_PAGE, TRANSFER_PAGE } from '../shared/urls'
import Intro from './Intro'
import './index.scss'
import { alert, confirm } from '@/utils/dialog'

const BADGES: Record<MyApplication['status'], string> = {
  pending: '待审核',
  approved: '已入会',
  rejected: '已驳回',
  revoked: '会籍已注销',
  transferred_out: '会籍已转出',
}

export default function MembershipPage() {
  // Coming back from the form (or from a review notice) the status may have changed: useQuery reloads on show.
  const status = useQuery('membership', 'myStatus', {})
  const apply = () => Taro.navigateTo({ url: APPLY_PAGE })
  return (
    <View className='page'>
      <PageState query={status} loadingText='正在查询入会状态…'>
        {({ application }) =>
          application ? <Status app={application} onChanged={() => void status.reload(true)} onApply={apply} /> : <Intro onApply={apply} />
        }
      </PageState>
    </View>
  )
}

function Status({ app, onChanged, onApply: apply }: { app: MyApplication; onChanged: () => void; onApply: () => void }) {
  const withdrawal = useMutation('membership', 'withdraw', {
    onSuccess: () => {
      Taro.showToast({ title: '已撤回，信息已删除', icon: 'none', duration: 1500 })
      onChanged()
    },
    onError: (e) => void alert('撤回失败', e.message),
  })
  const withdraw = async () => {
    const ok = await confirm({
      title: '撤回入会申请？',
      content: '撤回后，您填写的入会信息（包括身份证号和手机号）将被删除，且无法恢复。之后仍可重新申请。',
      confirmText: '确认撤回',
      danger: true,
      cancelText: '不撤回',
    })
    if (ok) await withdrawal.run({})
  }
  const withdrawing = withdrawal.busy

  return (
    <View className='membership'>
      <View className={`card membership-status membership-status--${app.status}`}>
        <View className='membership-status__head'>
          <Text className='membership-status__title'>入会申请</Text>
          <Text className={`membership-status__badge membership-status__badge--${app.status}`}>{BADGES[app.status]}</Text>
        </View>
        <View className='membership-status__rows'>
          <View className='membership-status__row'>
            <Text className='membership-status__key'>申请人</Text>
            <Text className='membership-status__value'>{app.name}</Text>
          </View>
          <View className='membership-status__row'>
            <Text className='membership-status__key'>受理工会</Text>
            <Text className='membership-status__value membership-status__org'>{app.org.name}</Text>
          </View>
          <View className='membership-status__row'>
            <Text className='membership-status__key'>提交时间</Text>
            <Text className='membership-status__value'>{formatDateTime(app.submittedAt)}</Text>
          </View>
        </View>
        <Text className='membership-status__routed'>{ROUTED_BY_LABELS[app.routedBy] ?? ''}</Text>

        {app.status === 'pending' ? <Text className='membership-status__note'>工会审核后会通过微信通知您，也可以随时回到这里查看进度。</Text> : null}
        {app.status === 'rejected' ? (
          <View className='membership-status__reason'>
            <Text className='membership-status__reason-title'>驳回原因</Text>
            <Text className='membership-status__reason-text'>{app.rejectReason || '未填写原因，请联系受理工会。'}</Text>
          </View>
        ) : null}
        {app.status === 'approved' && app.retained ? (
          <View className='membership-status__retained'>
            <Text className='membership-status__note'>
              {app.retained.label}：由{app.retained.heldByOrgName}保留，会员编号和会员卡不变，仍可享受会员服务。保留期间您可以：
            </Text>
            {RETAINED_RULES.map((r) => (
              <Text key={r.rule} className='membership-status__rule'>
                · {r.text}
              </Text>
            ))}
          </View>
        ) : app.status === 'approved' ? (
          <Text className='membership-status__note'>欢迎加入工会！您可以出示电子会员卡享受会员服务。</Text>
        ) : null}
        {app.status === 'transferred_out' ? (
          <Text className='membership-status__note membership-status__transferred'>
            {app.transferredOut
              ? `您的会籍已于 ${formatDate(app.transferredOut.at)} 由${app.transferredOut.fromOrgName}转出至${app.transferredOut.to}，本县的电子会员卡已停用。请到${app.transferredOut.to}办理会员手续；回到本县工作的，可以重新申请入会。`
              : '您的会籍已转出，本县的电子会员卡已停用。回到本县工作的，可以重新申请入会。'}
          </Text>
        ) : null}
        {app.status === 'revoked' ? (
          <Text className='membership-status__note'>
            您的会籍已由工会注销，注销原因见下方记录。如有疑问，请联系{app.org.name}。符合条件的，可以重新申请入会。
          </Text>
        ) : null}
      </View>

      <View className='membership__actions'>
        {app.status === 'approved' ? (
          <Btn className='membership__card' onClick={() => Taro.navigateTo({ url: CARD_PAGE })}>
            查看会员卡
          </Btn>
        ) : null}
        {app.status === 'approved' ? (
          <Btn kind='secondary' className='membership__transfer' onClick={() => Taro.navigateTo({ url: TRANSFER_PAGE })}>
            申请会籍转移
          </Btn>
        ) : null}
        {app.status === 'rejected' ? (
          <Btn className='membership__fix' onClick={apply}>
            修改后重新提交
          </Btn>
        ) : null}
        {app.status === 'revoked' || app.status === 'transferred_out' ? (
          <Btn kind='secondary' className='membership__reapply' onClick={apply}>
            重新申请入会
          </Btn>
        ) : null}
        {app.status === 'pending' || app.status === 'rejected' ? (
          <Btn kind='danger' className='membership__withdraw' loading={withdrawing} onClick={withdraw}>
            {withdrawing ? '正在撤回…' : '撤回申请'}
          </Btn>
        ) : null}
      </View>

      <Text className='section-title'>办理进度</Text>
      <View className='card membership__timeline'>
        <Timeline entries={app.timeline} />
      </View>
    </View>
  )
}
