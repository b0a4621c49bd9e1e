import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import RoleGate from '@/components/RoleGate'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import { legalAidApi } from '@/contracts/legalAid/api'
import type { AccessLogEntry } from '@/contracts/legalAid/schemas'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

const ROLE: Record<string, string> = { staff: '工会', lawyer: '律师' }

function AccessLog({ id }: { id: string }) {
  const log = useQuery('legalAid', 'accessLog', { caseId: id })
  return (
    <View className='page'>
      <PageState query={log} isEmpty={(d) => !d.items.length} empty={{ title: '还没有人查看过', detail: '申请人本人查看不记录。' }}>
        {({ items }) => <Entries items={items} />}
      </PageState>
    </View>
  )
}

function Entries({ items }: { items: AccessLogEntry[] }) {
  return (
    <>
      <Text className='muted legal-access__hint'>除申请人本人外，每次查看案件或证据都记录在这里。</Text>
      <View className='card'>
        {items.map((e, i) => (
          <View key={i} className='legal-access__row'>
            <Text>
              {e.name || e.openid}（{ROLE[e.role] ?? e.role}）{e.what === 'file' ? '查看证据' : '查看案件'}
            </Text>
            <Text className='muted'>{beijingMonthDayTime(e.at)}</Text>
          </View>
        ))}
      </View>
    </>
  )
}

export default function AccessPage() {
  const { params } = useRouter()
  return <RoleGate spec={legalAidApi.accessLog}>{() => <AccessLog id={decodeURIComponent(params.id ?? '')} />}</RoleGate>
}
