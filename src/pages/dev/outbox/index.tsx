import { Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import { listOutbox } from '@/api/dev'
import { isLocalMode } from '@/api/session'
import { useQueryWith } from '@/data'
import { formatDateTime } from '@/utils/membership'
import './index.scss'

/** Readable names for the fields notices carry (src/contracts/notices.ts); an unknown one is shown raw. */
const FIELD_LABELS: Record<string, string> = {
  org: '工会',
  result: '结果',
  note: '说明',
  station: '驿站',
  kind: '类型',
  reply: '回复',
  time: '时间',
  category: '案由',
  status: '状态',
  class: '班级',
  child: '孩子',
  deadline: '截止时间',
}

const STATUS: Record<string, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  skipped: '未发到微信（只在消息中心）',
  refused: '微信拒收',
  failed: '发送失败',
}

/**
 * Local only: what would have gone out as WeChat subscribe messages (review results and the like), so a demo
 * can show that the applicant was told.
 */
export default function OutboxPage() {
  const outbox = useQueryWith(listOutbox, [], { enabled: isLocalMode() })

  if (!isLocalMode()) {
    return (
      <View className='page'>
        <StateView kind='info' title='仅本地调试可用' detail='在微信中，通知以订阅消息的形式直接发给用户。' />
      </View>
    )
  }
  return (
    <View className='page outbox'>
      <View className='outbox__head'>
        <Text className='muted'>本地网关代发的订阅消息（您自己的；管理员可见全部），最新在前（最多 100 条）</Text>
        <Btn kind='ghost' size='sm' className='outbox__refresh' onClick={() => outbox.reload(true)}>
          刷新
        </Btn>
      </View>
      <PageState query={outbox} isEmpty={(items) => !items.length} empty={{ title: '还没有通知', detail: '审核入会申请等操作会在这里留下通知。' }}>
        {(items) =>
          items.map((n) => (
            <View key={n.id} className='card outbox-item'>
              <View className='outbox-item__head'>
                <Text className='outbox-item__template'>{n.title || n.template}</Text>
                <Text className='outbox-item__time'>{formatDateTime(n.createdAt)}</Text>
              </View>
              <Text className='outbox-item__to'>{STATUS[n.status] ?? n.status}</Text>
              <Text className='outbox-item__to'>收件人 {n.openid}</Text>
              {Object.entries(n.data ?? {}).map(([k, v]) => (
                <View key={k} className='outbox-item__row'>
                  <Text className='outbox-item__key'>{FIELD_LABELS[k] ?? k}</Text>
                  <Text className='outbox-item__value'>{String(v)}</Text>
                </View>
              ))}
              {n.page ? <Text className='outbox-item__page'>打开页面 {n.page}</Text> : null}
            </View>
          ))
        }
      </PageState>
    </View>
  )
}
