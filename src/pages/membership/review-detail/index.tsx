import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import Timeline from '@/pages/membership/components/Timeline'
import { statusLabel } from '@/contracts/membership/options'
import { REJECT_REASON_MIN, REVOKE_REASON_MIN, reviewInput, revokeInput, type ApplicationDetail } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { useMutation, useQuery } from '@/data'
import { check } from '@/utils/form'
import { formatDate, formatDateTime, ROUTED_BY_STAFF_LABELS } from '@/utils/membership'
import DetailRows from './DetailRows'
import RetainBox from './RetainBox'
import ReasonBox from '@/components/ReasonBox'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'
import { releaseClaimInput } from '@/contracts/membership/roster'
import { transferOutInput } from '@/contracts/membership/standing'
import type { Me } from '@/contracts/roles'
import { alert, confirm } from '@/utils/dialog'

/** Which reason box is open: rejecting a pending application or revoking a membership. */
type Writing = null | 'reject' | 'revoke' | 'release' | 'retain' | 'transferOut'

function ApplicationPage({ me }: { me: Me }) {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const application = useQuery('membership', 'getApplication', { id })
  return (
    <View className='page application'>
      <PageState query={application} loadingText='正在加载申请…'>
        {(app) => <Application app={app} admin={me.roles.includes('admin')} onChanged={(next) => application.setData(() => next)} />}
      </PageState>
    </View>
  )
}

function Application({ app, admin, onChanged }: { app: ApplicationDetail; admin: boolean; onChanged: (app: ApplicationDetail) => void }) {
  const [writing, setWriting] = useState<Writing>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  const openReason = (w: Writing) => {
    setWriting(w)
    setReason('')
    setReasonError('')
    setTimeout(() => Taro.pageScrollTo({ selector: '.reason-box', duration: 200 }).catch(() => undefined), 50)
  }

  /** Shared tail of every decision: show the new state, or say why it did not happen. */
  const after = {
    onSuccess: (next: ApplicationDetail) => {
      onChanged(next)
      setWriting(null)
    },
    onError: (e: ApiError) => {
      const f = e.fields?.find((x) => x.path.endsWith('reason') || x.path === 'to')
      if (f) setReasonError(f.message)
      else void alert('操作失败', e.message)
    },
  }
  const review = useMutation('membership', 'review', { ...after, success: (d) => (d.status === 'approved' ? '已通过' : '已驳回') })
  const revocation = useMutation('membership', 'revoke', { ...after, success: '已注销' })
  const release = useMutation('membership', 'releaseClaim', { ...after, success: '已解除' })
  const lift = useMutation('membership', 'liftRetain', { ...after, success: '已恢复' })
  const moveOut = useMutation('membership', 'transferOut', { ...after, success: '已转出' })
  const busy = review.busy || revocation.busy || release.busy || lift.busy || moveOut.busy

  /** 已转出: to a union outside this app (in the app, the member asks for a 会籍转移 instead). */
  const transferOut = async () => {
    const checked = check(transferOutInput, { id: app.id, to: reason, note: '' })
    if (!checked.ok) return setReasonError(checked.errors.to ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '办理会籍转出？',
      content: `${app.name}（会员编号 ${app.memberNo ?? '—'}）的会籍将转出至${checked.data.to}，本县的电子会员卡随即停用。此操作不能撤销。`,
      confirmText: '转出',
      danger: true,
    })
    if (ok) await moveOut.run(checked.data)
  }

  const restore = async () => {
    const ok = await confirm({
      title: '恢复正常会籍？',
      content: `${app.name} 将恢复为正常会籍，所属${app.orgName}。换了新单位的，请随后办理会籍转移。`,
      confirmText: '恢复',
    })
    if (ok) await lift.run({ id: app.id, note: '' })
  }

  const unclaim = async () => {
    const checked = check(releaseClaimInput, { id: app.id, reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '解除会员认证？',
      content: `${app.name} 的电子会员卡将与领取它的微信账号解除绑定，会籍不变。本人可重新认证领取。`,
      confirmText: '解除',
      danger: true,
    })
    if (ok) await release.run(checked.data)
  }

  const approve = async (app: ApplicationDetail) => {
    const ok = await confirm({
      title: '通过入会申请？',
      content: `${app.name} 将成为${app.orgName}会员，并收到审核通过的通知。`,
      confirmText: '通过',
    })
    if (!ok) return
    await review.run({ id: app.id, decision: 'approve', reason: '' })
  }

  const reject = async (app: ApplicationDetail) => {
    const checked = check(reviewInput, { id: app.id, decision: 'reject', reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '驳回入会申请？',
      content: `申请人会收到驳回通知和原因，可以修改后重新提交。\n原因：${checked.data.reason}`,
      confirmText: '驳回',
      danger: true,
    })
    if (!ok) return
    await review.run(checked.data)
  }

  const revoke = async (app: ApplicationDetail) => {
    const checked = check(revokeInput, { id: app.id, reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '注销会籍？',
      content: `${app.name}（会员编号 ${app.memberNo ?? '—'}）的会籍将被注销，会员卡随即失效。此操作不能撤销。`,
      confirmText: '注销',
      danger: true,
    })
    if (!ok) return
    await revocation.run(checked.data)
  }

  return (
    <>
      <View className={`card application__head application__head--${app.status}`}>
        <View className='application__title-row'>
          <Text className='application__name'>{app.name}</Text>
          <Text className={`application__status application__status--${app.status}`}>{statusLabel(app.status)}</Text>
        </View>
        {app.memberNo ? <Text className='application__member-no'>会员编号 {app.memberNo}</Text> : null}
        <Text className='application__org'>受理工会：{app.orgName}</Text>
        <Text className='muted'>{ROUTED_BY_STAFF_LABELS[app.routedBy] ?? ''}</Text>
        <Text className='muted'>提交时间：{formatDateTime(app.submittedAt)}</Text>
        {app.status === 'rejected' && app.rejectReason ? <Text className='application__reason'>驳回原因：{app.rejectReason}</Text> : null}
        {app.retained ? (
          <Text className='application__retained'>
            {app.retained.label} · {formatDate(app.retained.since)} 起由{app.retained.heldByOrgName}保留
          </Text>
        ) : null}
        {app.status === 'transferred_out' && app.transferredOut ? (
          <Text className='application__transferred'>
            {formatDate(app.transferredOut.at)} 由{app.transferredOut.fromOrgName}转出至{app.transferredOut.to}，本县会员卡已停用
          </Text>
        ) : null}
        {app.claimed !== undefined ? (
          <Text className={`application__claim application__claim--${app.claimed ? 'yes' : 'no'}`}>
            {app.claimed ? '电子会员卡：本人已认证领取' : '电子会员卡：尚未认证领取'}
          </Text>
        ) : null}
      </View>

      <DetailRows app={app} />

      <Text className='section-title'>办理记录</Text>
      <View className='card'>
        <Timeline entries={app.timeline} showBy />
      </View>

      {writing === 'reject' ? (
        <ReasonBox
          className='reason-box--reject'
          title='驳回原因（申请人可以看到）'
          hint={`至少 ${REJECT_REASON_MIN} 个字，最多 200 字`}
          placeholder='请写明需要修改的地方，如：工作单位请填写全称'
          value={reason}
          error={reasonError}
          busy={busy}
          confirmText='确认驳回'
          onInput={(v) => {
            setReason(v)
            setReasonError('')
          }}
          onConfirm={() => void reject(app)}
          onCancel={() => setWriting(null)}
        />
      ) : null}
      {writing === 'revoke' ? (
        <ReasonBox
          className='reason-box--revoke'
          title='注销原因'
          hint={`至少 ${REVOKE_REASON_MIN} 个字，最多 200 字`}
          placeholder='如：本人申请退会、调离本县、已转入其他工会'
          value={reason}
          error={reasonError}
          busy={busy}
          confirmText='确认注销'
          onInput={(v) => {
            setReason(v)
            setReasonError('')
          }}
          onConfirm={() => void revoke(app)}
          onCancel={() => setWriting(null)}
        />
      ) : null}

      {app.status === 'pending' && !writing ? (
        <View className='application__actions'>
          <Btn kind='danger' className='application__reject' onClick={() => openReason('reject')}>
            驳回
          </Btn>
          <Btn className='application__approve' disabled={busy} onClick={() => void approve(app)}>
            {busy ? '正在提交…' : '通过'}
          </Btn>
        </View>
      ) : null}
      {writing === 'release' ? (
        <ReasonBox
          className='reason-box--release'
          title='解除原因（记入操作日志）'
          hint='至少 2 个字，最多 200 字'
          placeholder='如：本人来电，会员卡被他人领取'
          value={reason}
          error={reasonError}
          busy={busy}
          confirmText='确认解除'
          onInput={(v) => {
            setReason(v)
            setReasonError('')
          }}
          onConfirm={() => void unclaim()}
          onCancel={() => setWriting(null)}
        />
      ) : null}
      {writing === 'transferOut' ? (
        <ReasonBox
          className='reason-box--transfer-out'
          title='转往的工会或单位'
          hint='转到本县以外、不使用本小程序的工会时办理；本县工会之间请由会员申请会籍转移'
          placeholder='如：德州市德城区总工会'
          maxLength={60}
          value={reason}
          error={reasonError}
          busy={busy}
          confirmText='确认转出'
          onInput={(v) => {
            setReason(v)
            setReasonError('')
          }}
          onConfirm={() => void transferOut()}
          onCancel={() => setWriting(null)}
        />
      ) : null}
      {writing === 'retain' ? (
        <RetainBox
          app={app}
          onCancel={() => setWriting(null)}
          onDone={(next) => {
            onChanged(next)
            setWriting(null)
          }}
        />
      ) : null}
      {app.status === 'approved' && !writing ? (
        <View className='application__actions'>
          {app.retained ? (
            <Btn kind='secondary' className='application__restore' loading={lift.busy} onClick={() => void restore()}>
              恢复正常会籍
            </Btn>
          ) : (
            <Btn kind='secondary' className='application__retain' onClick={() => setWriting('retain')}>
              保留会籍
            </Btn>
          )}
          {admin && app.claimed ? (
            <Btn kind='secondary' className='application__release' onClick={() => openReason('release')}>
              解除认证
            </Btn>
          ) : null}
          <Btn kind='secondary' className='application__transfer-out' onClick={() => openReason('transferOut')}>
            会籍转出
          </Btn>
          <Btn kind='danger' className='application__revoke' onClick={() => openReason('revoke')}>
            注销会籍
          </Btn>
        </View>
      ) : null}
    </>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedApplicationPage() {
  return <RoleGate spec={membershipApi.getApplication}>{(me) => <ApplicationPage me={me} />}</RoleGate>
}
