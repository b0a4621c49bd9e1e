import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import SearchBar from '@/components/SearchBar'
import PagedListState from '@/components/PagedListState'
import Check from '@/components/Check'
import RoleGate from '@/components/RoleGate'
import { call } from '@/api/client'
import { membershipApi } from '@/contracts/membership/api'
import type { Me } from '@/contracts/roles'
import type { ApiResult } from '@/contracts/result'
import { useMutation, useMutationWith, usePagedQuery } from '@/data'
import { hasAnyRole } from '@/hooks/useMe'
import { saveDownload } from '@/utils/download'
import { BULK_APPROVE_MAX } from '@/contracts/membership/schemas'
import { APPLICATION_PAGE, VERIFY_CARD_PAGE } from '../shared/urls'
import ApplicationItem from './ApplicationItem'
import FilterBar from './FilterBar'
import { toListInput, type Filters } from './filters'
import './index.scss'

const INITIAL: Filters = { status: 'pending', newEmployment: 'all' }

interface BulkOutcome {
  approvedIds: string[]
  failed: { id: string; message?: string }[]
  /** why the run stopped part way, if it did */
  stopped: string
}

/** Reviewing 入会 is union cadres' work: the same role rule the server applies to the list. */
export default function ApplicationsPage() {
  return <RoleGate spec={membershipApi.listApplications}>{(me) => <Applications me={me} />}</RoleGate>
}

function Applications({ me }: { me: Me }) {
  const [filters, setFilters] = useState<Filters>(INITIAL)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string[]>([])
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  // Back from a detail page an application may have moved to another tab: the query reloads on show.
  const paged = usePagedQuery('membership', 'listApplications', toListInput(filters))
  const { list } = paged

  const reload = () => {
    setSelected([])
    paged.reload(true)
  }

  const changeFilters = (next: Filters) => {
    setSelected([])
    setFilters(next)
  }

  const pendingOnPage = list.items.filter((i) => i.status === 'pending').map((i) => i.id)
  const allSelected = pendingOnPage.length > 0 && pendingOnPage.every((id) => selected.includes(id))
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)))

  // The server takes at most 20 a call; send them 20 at a time and keep going, showing how far it got.
  const bulk = useMutationWith(async (ids: string[]): Promise<ApiResult<BulkOutcome>> => {
    const out: BulkOutcome = { approvedIds: [], failed: [], stopped: '' }
    for (let i = 0; i < ids.length; i += BULK_APPROVE_MAX) {
      const batch = ids.slice(i, i + BULK_APPROVE_MAX)
      setProgress({ done: i, total: ids.length })
      const res = await call('membership', 'bulkApprove', { ids: batch })
      if (!res.ok) {
        out.stopped = res.error.message
        out.failed.push(...ids.slice(i).map((id) => ({ id, message: '未提交（已中止）' })))
        break
      }
      for (const r of res.data.results) {
        if (r.ok) out.approvedIds.push(r.id)
        else out.failed.push(r)
      }
    }
    setProgress(null)
    return { ok: true, data: out }
  })
  const approving = bulk.busy

  const approveSelected = async () => {
    if (approving || !selected.length) return
    const { confirm } = await Taro.showModal({
      title: `批量通过 ${selected.length} 份申请？`,
      content: '通过后申请人即成为工会会员，并会收到审核通过的通知。请确认已逐一核对申请信息。',
      confirmText: '全部通过',
      confirmColor: '#C8102E',
    })
    if (!confirm) return
    const res = await bulk.run(selected)
    if (!res?.ok) return
    const { approvedIds, failed, stopped } = res.data
    if (failed.length || stopped) {
      const names = new Map(list.items.map((i) => [i.id, i.name]))
      const lines = failed.slice(0, 20).map((f) => `${names.get(f.id) ?? f.id}：${f.message ?? '未能通过'}`)
      if (failed.length > 20) lines.push(`……等 ${failed.length} 份`)
      await Taro.showModal({
        title: `已通过 ${approvedIds.length} 份，${failed.length} 份未通过`,
        content: [stopped ? `中途出错：${stopped}` : '', ...lines].filter(Boolean).join('\n'),
        showCancel: false,
        confirmText: '知道了',
      })
    } else {
      Taro.showToast({ title: `已通过 ${approvedIds.length} 份`, icon: 'success' })
    }
    reload()
  }

  const exporting = useMutation('membership', 'exportMembers', {
    onError: (e) => void Taro.showModal({ title: '导出失败', content: e.message, showCancel: false, confirmText: '知道了' }),
    onSuccess: async (link) => {
      const saved = await saveDownload(link)
      if (saved.ok) Taro.showToast({ title: `已导出 ${link.rows ?? 0} 名会员`, icon: 'none' })
      else void Taro.showModal({ title: '导出失败', content: saved.message, showCancel: false, confirmText: '知道了' })
    },
  })

  const exportList = async () => {
    if (exporting.busy) return
    const { confirm } = await Taro.showModal({
      title: '导出会员名单？',
      // Admins get the full numbers (the server decides); say so, since the file then needs more care.
      content: hasAnyRole(me, ['admin'])
        ? '导出本工会及下级工会的全部在册会员（Excel 表格），含完整身份证号和手机号。请妥善保管，不要外传。'
        : '导出本工会及下级工会的全部在册会员（Excel 表格），身份证号和手机号已脱敏。名单含个人信息，请妥善保管，不要外传。',
      confirmText: '导出',
      confirmColor: '#C8102E',
    })
    if (confirm) await exporting.run({})
  }

  const selectable = filters.status === 'pending' || filters.status === 'all'

  return (
    <View className='page applications'>
      <View className='card applications__head'>
        <View className='applications__head-text'>
          <Text className='applications__title'>入会审核</Text>
          <Text className='muted'>{me.orgs.map((o) => o.name).join('、') || '本工会及下级工会'}</Text>
        </View>
        <View className='row-actions'>
          <Btn kind='secondary' size='sm' className='applications__export' loading={exporting.busy} onClick={exportList}>
            {exporting.busy ? '正在导出…' : '导出会员名单'}
          </Btn>
          <Btn kind='ghost' size='sm' className='applications__verify' onClick={() => Taro.navigateTo({ url: VERIFY_CARD_PAGE })}>
            会员卡核验
          </Btn>
        </View>
      </View>

      <SearchBar
        value={query}
        onInput={setQuery}
        onSearch={(q) => changeFilters({ ...filters, q })}
        placeholder='姓名、手机号后 4 位或会员编号'
        applied={!!filters.q}
      />

      <FilterBar value={filters} onChange={changeFilters} />

      {list.page > 0 ? <Text className='applications__count'>共 {list.total} 份申请</Text> : null}

      {selectable && pendingOnPage.length ? (
        <View className='applications__bulk'>
          <Check checked={allSelected} onChange={(on) => setSelected(on ? pendingOnPage : [])} className='applications__select-all'>
            <Text>全选待审核（{pendingOnPage.length}）</Text>
          </Check>
          <Btn size='sm' className='applications__bulk-approve' disabled={!selected.length || approving} onClick={approveSelected}>
            {approving
              ? progress
                ? `正在通过 ${progress.done}/${progress.total}…`
                : '正在通过…'
              : `批量通过${selected.length ? `（${selected.length}）` : ''}`}
          </Btn>
        </View>
      ) : null}

      {list.items.map((item) => (
        <ApplicationItem
          key={item.id}
          item={item}
          selected={selectable && item.status === 'pending' ? selected.includes(item.id) : undefined}
          onSelect={(on) => toggle(item.id, on)}
          onOpen={() => Taro.navigateTo({ url: `${APPLICATION_PAGE}?id=${encodeURIComponent(item.id)}` })}
        />
      ))}

      <PagedListState
        list={list}
        onLoad={(page) => (page <= 1 ? paged.reload() : paged.more())}
        empty={{
          className: 'applications__empty',
          title: filters.status === 'pending' ? '没有待审核的申请' : '没有符合条件的申请',
          detail: filters.q || filters.from || filters.to || filters.newEmployment !== 'all' ? '可以换个筛选条件试试。' : undefined,
        }}
        moreClassName='applications__more'
      />
    </View>
  )
}
