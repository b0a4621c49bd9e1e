import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import ReasonBox from '@/components/ReasonBox'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'
import { reviewTransferInput, type StaffTransferItem } from '@/contracts/membership/schemas'
import { useMutation, useQuery } from '@/data'
import { check } from '@/utils/form'
import { formatDateTime } from '@/utils/membership'
import { alert, confirm } from '@/utils/dialog'
import './index.scss'

type Tab = 'in' | 'out' | 'done'
const TABS: { key: Tab; label: string }[] = [
  { key: 'in', label: '转入待审' },
  { key: 'out', label: '转出' },
  { key: 'done', label: '已处理' },
]
const STATUS: Record<StaffTransferItem['status'], string> = { pending: '待审核', approved: '已转入', rejected: '未同意', cancelled: '会员撤回' }

const inTab = (t: StaffTransferItem, tab: Tab) =>
  tab === 'in'
    ? t.direction === 'in' && t.status === 'pending'
    : tab === 'out'
      ? t.direction === 'out' && t.status === 'pending'
      : t.status !== 'pending'

function Transfers() {
  const [tab, setTab] = useState<Tab>('in')
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const list = useQuery('membership', 'transfers', {})
  const decision = useMutation('membership', 'reviewTransfer', {
    success: (t) => (t.status === 'approved' ? '已转入' : '已处理'),
    onSuccess: () => {
      setRejecting(null)
      void list.reload(true)
    },
    onError: (e) => {
      const f = e.fields?.find((x) => x.path.endsWith('reason'))
      if (f) return setReasonError(f.message)
      void alert('操作失败', e.message)
      void list.reload(true)
    },
  })
  const busy = decision.busy

  const approve = async (t: StaffTransferItem) => {
    if (busy) return
    const ok = await confirm({
      title: '同意转入？',
      content: `${t.memberName}（会员编号 ${t.memberNo}）的会籍将由${t.from.name}转入${t.to.name}，会员编号不变。`,
      confirmText: '同意',
    })
    if (!ok) return
    await decision.run({ id: t.id, decision: 'approve', reason: '' })
  }

  const reject = async (t: StaffTransferItem) => {
    if (busy) return
    const checked = check(reviewTransferInput, { id: t.id, decision: 'reject', reason })
    if (!checked.ok) return setReasonError(checked.errors.reason ?? Object.values(checked.errors)[0])
    const ok = await confirm({
      title: '不同意转入？',
      content: `会员会收到通知和原因，会籍仍在${t.from.name}。`,
      confirmText: '不同意',
      danger: true,
    })
    if (!ok) return
    await decision.run(checked.data)
  }

  const all = list.data?.items ?? []
  const count = (k: Tab) => all.filter((t) => inTab(t, k)).length
  return (
    <View className='page transfers'>
      <View className='transfers__tabs'>
        {TABS.map((t) => (
          <Text
            key={t.key}
            className={`transfers__tab transfers__tab--${t.key} ${tab === t.key ? 'transfers__tab--on' : ''}`}
            onClick={() => {
              setTab(t.key)
              setRejecting(null)
            }}
          >
            {t.label}
            {t.key !== 'done' && count(t.key) ? ` ${count(t.key)}` : ''}
          </Text>
        ))}
      </View>
      <PageState
        query={list}
        isEmpty={(d) => !d.items.some((t) => inTab(t, tab))}
        empty={{ title: tab === 'in' ? '没有待审核的转入申请' : tab === 'out' ? '没有正在转出的会员' : '还没有处理过的会籍转移' }}
      >
        {(d) =>
          d.items
            .filter((t) => inTab(t, tab))
            .map((t) => (
              <View key={t.id} className={`card transfer-item transfer-item--${t.status}`}>
                <View className='transfer-item__head'>
                  <Text className='transfer-item__name'>{t.memberName}</Text>
                  <Text className='transfer-item__no'>{t.memberNo}</Text>
                  <Text className={`transfer-item__status transfer-item__status--${t.status}`}>
                    {t.direction === 'out' && t.status === 'approved' ? '已转出' : STATUS[t.status]}
                  </Text>
                </View>
                <Text className='transfer-item__route'>
                  {t.from.name} → {t.to.name}
                </Text>
                <Text className='muted'>新单位：{t.toEmployer}</Text>
                <Text className='muted'>原因：{t.reason}</Text>
                <Text className='muted'>申请时间：{formatDateTime(t.requestedAt)}</Text>
                {t.status !== 'pending' && t.decidedAt ? (
                  <Text className='muted'>
                    {formatDateTime(t.decidedAt)} {t.decidedBy ? `${t.decidedBy} ` : ''}
                    {STATUS[t.status]}
                    {t.rejectReason ? `：${t.rejectReason}` : ''}
                  </Text>
                ) : null}
                {t.direction === 'out' && t.status === 'pending' ? <Text className='transfer-item__hint'>由转入工会审核</Text> : null}
                {t.canDecide && rejecting === t.id ? (
                  <ReasonBox
                    className='reason-box--transfer'
                    title='不同意的原因（会员可以看到）'
                    placeholder='如：请先与原单位办理离职手续'
                    value={reason}
                    error={reasonError}
                    busy={busy}
                    confirmText='确认不同意'
                    onInput={(v) => {
                      setReason(v)
                      setReasonError('')
                    }}
                    onConfirm={() => void reject(t)}
                    onCancel={() => setRejecting(null)}
                  />
                ) : null}
                {t.canDecide && rejecting !== t.id ? (
                  <View className='row-actions transfer-item__actions'>
                    <Btn
                      kind='danger'
                      className='transfer-item__reject'
                      onClick={() => {
                        setRejecting(t.id)
                        setReason('')
                        setReasonError('')
                      }}
                    >
                      不同意
                    </Btn>
                    <Btn className='transfer-item__approve' disabled={busy} onClick={() => void approve(t)}>
                      {busy ? '正在提交…' : '同意转入'}
                    </Btn>
                  </View>
                ) : null}
              </View>
            ))
        }
      </PageState>
    </View>
  )
}

export default function TransfersPage() {
  return <RoleGate spec={membershipApi.transfers}>{() => <Transfers />}</RoleGate>
}
