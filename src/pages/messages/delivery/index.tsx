import { Text, View } from '@tarojs/components'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { messagesApi } from '@/contracts/messages/api'
import type { DeliveryRow, DeliveryStats } from '@/contracts/messages/schemas'
import { beijingDay } from '@/contracts/time'
import { useQuery } from '@/data'
import './index.scss'

/** 通知发送情况 (the county union's admins): what WeChat did with each kind of notice over the last 7 days. */
export default function DeliveryPage() {
  return <RoleGate spec={messagesApi.deliveryStats}>{() => <Delivery />}</RoleGate>
}

function Row({ row }: { row: DeliveryRow }) {
  const failed = row.failed.reduce((n, f) => n + f.count, 0)
  const inboxOnly = row.inboxOnly.reduce((n, f) => n + f.count, 0)
  return (
    <View className={`card delivery-row${failed ? ' delivery-row--failed' : ''}`}>
      <View className='delivery-row__head'>
        <Text className='delivery-row__title'>{row.label}</Text>
        <Text className='muted'>共 {row.total} 条</Text>
      </View>
      <View className='delivery-row__figures'>
        <Text className='delivery-fig delivery-fig--sent'>已送达微信 {row.sent}</Text>
        <Text className='delivery-fig delivery-fig--waiting'>等待发送 {row.waiting}</Text>
        <Text className='delivery-fig delivery-fig--inbox'>只在消息中心 {inboxOnly}</Text>
        <Text className={`delivery-fig delivery-fig--failed${failed ? ' delivery-fig--alert' : ''}`}>发送失败 {failed}</Text>
      </View>
      {row.failed.map((f) => (
        <Text key={f.reason} className='delivery-row__reason delivery-row__reason--failed'>
          失败 {f.count} 条：{f.label}
        </Text>
      ))}
      {row.inboxOnly.map((f) => (
        <Text key={f.reason} className='delivery-row__reason'>
          {f.count} 条{f.label}
        </Text>
      ))}
    </View>
  )
}

function Delivery() {
  const stats = useQuery('messages', 'deliveryStats', {})
  return (
    <View className='page delivery'>
      <PageState
        query={stats}
        loadingText='正在统计…'
        isEmpty={(d: DeliveryStats) => d.rows.every((r) => !r.total)}
        empty={{ title: '近 7 天没有发出通知', detail: '审核、答复、候补到名额等通知发出后，这里会显示是否送达微信。' }}
      >
        {(d) => {
          const failed = d.rows.reduce((n, r) => n + r.failed.reduce((m, f) => m + f.count, 0), 0)
          return (
            <>
              <View className='card delivery__summary'>
                <Text className='muted'>{beijingDay(d.since)} 至今（近 7 天）</Text>
                <Text className='delivery__note'>
                  每条通知都会进入职工的「消息中心」。职工订阅过的通知还会以微信服务通知送达；没有订阅的只在消息中心，这不算失败。
                </Text>
                {failed ? <Text className='delivery__alert'>有 {failed} 条通知发送失败，请按下面的原因处理，或联系技术人员。</Text> : null}
              </View>
              {d.rows
                .filter((r) => r.total)
                .map((r) => (
                  <Row key={r.key} row={r} />
                ))}
            </>
          )
        }}
      </PageState>
    </View>
  )
}
