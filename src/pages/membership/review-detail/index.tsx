import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import Timeline from '@/pages/membership/components/Timeline'
import { statusLabel } from '@/contracts/membership/options'
import { REJECT_REASON_MIN, REVOKE_REASON_MIN, reviewInput, revokeInput, type ApplicationDetail } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { ensureSignedIn } from '@/api/session'
import { check, toFieldMessages } from '@/utils/form'
import { formatDateTime, ROUTED_BY_STAFF_LABELS } from '@/utils/membership'
import { getApplication, reviewApplication, revokeMembership } from '../shared/review'
import DetailRows from './DetailRows'
import ReasonBox from '@/components/ReasonBox'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'
import { alert, confirm } from '@/utils/dialog'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; app: ApplicationDetail }
/** Which reason box is open: rejecting a pending application or revoking a membership. */
type Writing = null | 'reject' | 'revoke'

function ApplicationPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [writing, setWriting] = useState<Writing>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [busy, setBusy] = useState(false)

  const fetchApp = async () => {
    setLoad({ kind: 'loading' })
    const res = await getApplication(id)
    setLoad(res.ok ? { kind: 'ready', app: res.data } : { kind: 'error', error: res.error })
  }

  // On mount, not useLoad: under RoleGate this mounts after the page's onLoad when opened cold (shared card, code).
  useEffect(() => {
    if (!ensureSignedIn()) return
    void fetchApp()
  }, [])

  const openReason = (w: Writing) => {
    setWriting(w)
    setReason('')
    setReasonError('')
    setTimeout(() => Taro.pageScrollTo({ selector: '.reason-box', duration: 200 }).catch(() => undefined), 50)
  }

  /** Shared tail of every decision: show the new state, or say why it did not happen. */
  const finish = (res: Awaited<ReturnType<typeof reviewApplication>>, done: string) => {
    setBusy(false)
    if (res.ok) {
      setLoad({ kind: 'ready', app: res.data })
      setWriting(null)
      Taro.showToast({ title: done, icon: 'success' })
      return
    }
    const fields = toFieldMessages(res.error.fields)
    if (fields.reason) setReasonError(fields.reason)
    else void alert('操作失败', res.error.message)
  }

  const approve = async (app: ApplicationDetail) => {
    if (busy) return
    const ok = await confirm({
      title: '通过入会申请？',
      content: `${app.name} 将成为${app.orgName}会员，并收到审核通过的通知。`,
      confirmText: '通过',
    })
    if (!ok) return
    setBusy(true)
    finish(await reviewApplication(app.id, 'approve'), '已通过')
  }

  const reject = async (app: ApplicationDetail) => {
    if (busy) return
    const checked = check(reviewInput, { id: app.id, decision: 'reject', reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '驳回入会申请？',
      content: `申请人会收到驳回通知和原因，可以修改后重新提交。\n原因：${checked.data.reason}`,
      confirmText: '驳回',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    finish(await reviewApplication(app.id, 'reject', checked.data.reason), '已驳回')
  }

  const revoke = async (app: ApplicationDetail) => {
    if (busy) return
    const checked = check(revokeInput, { id: app.id, reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '注销会籍？',
      content: `${app.name}（会员编号 ${app.memberNo ?? '—'}）的会籍将被注销，会员卡随即失效。此操作不能撤销。`,
      confirmText: '注销',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    finish(await revokeMembership(app.id, checked.data.reason), '已注销')
  }

  if (load.kind === 'loading') {
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载申请…' />
      </View>
    )
  }
  if (load.kind === 'error') {
    const final = load.error.code === 'NOT_FOUND' || load.error.code === 'FORBIDDEN'
    return (
      <View className='page'>
        <StateView
          kind='error'
          title={load.error.code === 'NOT_FOUND' ? '申请不存在或已撤回' : '加载失败'}
          detail={load.error.message}
          actions={final ? [] : [{ text: '重试', onClick: () => void fetchApp() }]}
        />
      </View>
    )
  }

  const { app } = load
  return (
    <View className='page application'>
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
      {app.status === 'approved' && !writing ? (
        <Btn kind='danger' className='application__revoke' onClick={() => openReason('revoke')}>
          注销会籍
        </Btn>
      ) : null}
    </View>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedApplicationPage() {
  return <RoleGate spec={membershipApi.getApplication}>{() => <ApplicationPage />}</RoleGate>
}
