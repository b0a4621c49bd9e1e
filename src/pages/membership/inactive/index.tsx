import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PagedListState from '@/components/PagedListState'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'
import { INACTIVE_MONTHS, type InactiveDecision, type InactiveItem } from '@/contracts/membership/standing'
import type { Me } from '@/contracts/roles'
import { useMutation, usePagedQuery } from '@/data'
import { saveDownload } from '@/utils/download'
import { alert } from '@/utils/dialog'
import { formatDate } from '@/utils/membership'
import { APPLICATION_PAGE } from '../shared/urls'
import './index.scss'

/**
 * 半年无活动名单: for the union's yearly review only. Staff mark each member 保留 or 已查看; the membership itself
 * changes only by what staff then do on the member's page (注销、转出), never from this list.
 */
function Inactive({ me }: { me: Me }) {
  const paged = usePagedQuery('membership', 'inactive', { pageSize: 20 })
  const { list } = paged
  const marking = useMutation('membership', 'reviewInactive', {
    success: (d) => (d.mark?.decision === 'keep' ? '已标记保留' : '已标记查看'),
    onSuccess: (next) => paged.setItems((items) => items.map((i) => (i.id === next.id ? next : i))),
    onError: (e) => {
      void alert('标记失败', e.message)
      paged.reload(true)
    },
  })
  const mark = (item: InactiveItem, decision: InactiveDecision) => {
    if (!marking.busy) void marking.run({ id: item.id, decision, note: '' })
  }
  const exporting = useMutation('membership', 'exportInactive', {
    onError: (e) => void alert('导出失败', e.message),
    onSuccess: async (link) => {
      const saved = await saveDownload(link)
      if (saved.ok) Taro.showToast({ title: `已导出 ${link.rows ?? 0} 名会员`, icon: 'none' })
      else void alert('导出失败', saved.message)
    },
  })

  return (
    <View className='page inactive'>
      <View className='card inactive__head'>
        <View className='inactive__head-row'>
          <View className='inactive__head-text'>
            <Text className='inactive__title'>半年无活动会员</Text>
            <Text className='muted'>{me.orgs.map((o) => o.name).join('、') || '本工会及下级工会'}</Text>
          </View>
          <Btn kind='secondary' size='sm' className='inactive__export' loading={exporting.busy} onClick={() => void exporting.run({})}>
            {exporting.busy ? '正在导出…' : '导出名单'}
          </Btn>
        </View>
        <Text className='inactive__explain'>
          近 {INACTIVE_MONTHS}{' '}
          个月在小程序里没有任何活动的在册会员：入会或导入、会员认证、打开电子会员卡、申请会籍转移都算活动（小程序不记录会费缴纳）。保留会籍的会员不在名单中。
        </Text>
        <Text className='inactive__explain'>名单仅供每年核查：请逐一核实后标记。标记不会改变会籍；确需注销或转出的，请到会员详情中办理。</Text>
      </View>

      {list.page > 0 ? <Text className='inactive__count'>共 {list.total} 名会员</Text> : null}

      {list.items.map((item) => (
        <View key={item.id} className={`card inactive-item ${item.mark ? `inactive-item--${item.mark.decision}` : ''}`}>
          <View className='inactive-item__body' onClick={() => Taro.navigateTo({ url: `${APPLICATION_PAGE}?id=${encodeURIComponent(item.id)}` })}>
            <View className='inactive-item__head'>
              <Text className='inactive-item__name'>{item.name}</Text>
              <Text className='inactive-item__no'>{item.memberNo}</Text>
            </View>
            <Text className='muted'>
              {item.employer} · 手机 {item.phoneMasked}
            </Text>
            <Text className='muted'>{item.orgName}</Text>
            <Text className='inactive-item__last'>
              最近活动：{formatDate(item.lastActiveAt)}
              {item.claimed ? '' : ' · 尚未领取电子会员卡'}
            </Text>
          </View>
          {item.mark ? (
            <Text key='mark' className={`inactive-item__mark inactive-item__mark--${item.mark.decision}`}>
              {item.mark.label} · {item.mark.by} {formatDate(item.mark.at)}
            </Text>
          ) : null}
          <View className='row-actions inactive-item__actions'>
            <Btn kind='secondary' size='sm' className='inactive-item__reviewed' disabled={marking.busy} onClick={() => mark(item, 'reviewed')}>
              已查看，另行处理
            </Btn>
            <Btn size='sm' className='inactive-item__keep' disabled={marking.busy} onClick={() => mark(item, 'keep')}>
              已核实，保留
            </Btn>
          </View>
        </View>
      ))}

      <PagedListState
        list={list}
        onLoad={(page) => (page <= 1 ? paged.reload() : paged.more())}
        empty={{ className: 'inactive__empty', title: `没有连续 ${INACTIVE_MONTHS} 个月无活动的会员` }}
        moreClassName='inactive__more'
      />
    </View>
  )
}

export default function InactivePage() {
  return <RoleGate spec={membershipApi.inactive}>{(me) => <Inactive me={me} />}</RoleGate>
}
