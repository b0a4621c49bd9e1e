import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { quizApi } from '@/contracts/quiz/api'
import { beijingMonthDayTime } from '@/contracts/time'
import { useQuery } from '@/data'
import './index.scss'

/** 驿站券核销情况 for staff: issued, used and expired; per station; the latest uses, names masked. */
export default function QuizVouchersPage() {
  return <RoleGate spec={quizApi.voucherStats}>{() => <Vouchers />}</RoleGate>
}

function Vouchers() {
  const id = useRouter().params.id ?? ''
  const s = useQuery('quiz', 'voucherStats', { campaignId: id })
  return (
    <View className='page quiz-vouchers'>
      <PageState query={s} isEmpty={(d) => !d.issued} empty={{ title: '还没有人领取驿站券', detail: '中奖职工领取后，这里显示发出和核销的张数' }}>
        {(d) => (
          <>
            <View className='card quiz-voucher-kpis'>
              {(
                [
                  ['已发出', d.issued],
                  ['已核销', d.redeemed],
                  ['已过期未用', d.expired],
                ] as const
              ).map(([label, v]) => (
                <View key={label} className='quiz-voucher-kpi'>
                  <Text className='quiz-voucher-kpi__num'>{v}</Text>
                  <Text className='quiz-voucher-kpi__label'>{label}</Text>
                </View>
              ))}
            </View>
            <View className='card'>
              <Text className='section-title'>按驿站（发出按券上指定的驿站，核销按实际使用的驿站）</Text>
              {d.byStation.map((r) => (
                <View key={r.stationId || 'any'} className='quiz-line quiz-voucher-station'>
                  <Text>{r.stationName}</Text>
                  <Text className='muted'>
                    发出 {r.issued} · 核销 {r.redeemed}
                  </Text>
                </View>
              ))}
            </View>
            <View className='card'>
              <Text className='section-title'>最近核销</Text>
              {d.recent.length ? null : <Text className='muted'>还没有核销记录</Text>}
              {d.recent.map((r, i) => (
                <View key={i} className='quiz-line quiz-voucher-use'>
                  <Text>
                    {r.prizeName} · {r.nameMasked}
                  </Text>
                  <Text className='muted'>
                    {r.stationName} · {r.keeperMasked} · {beijingMonthDayTime(r.redeemedAt)}
                  </Text>
                </View>
              ))}
            </View>
          </>
        )}
      </PageState>
    </View>
  )
}
