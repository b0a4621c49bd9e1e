import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { legalAidApi } from '@/contracts/legalAid/api'
import type { AccessLogEntry } from '@/contracts/legalAid/schemas'
import { beijingTime } from '../shared/format'
import './index.scss'

const ROLE: Record<string, string> = { staff: '工会', lawyer: '律师' }

function AccessLog({ id }: { id: string }) {
  const [items, setItems] = useState<AccessLogEntry[] | null>(null)
  const [error, setError] = useState('')
  const load = async () => {
    setError('')
    const r = await call('legalAid', 'accessLog', { caseId: id })
    if (r.ok) setItems(r.data.items)
    else setError(r.error.message)
  }
  useDidShow(() => void load())
  if (error)
    return (
      <View className='page'>
        <StateView kind='error' title='加载失败' detail={error} actions={[{ text: '重试', onClick: () => void load() }]} />
      </View>
    )
  if (!items)
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  if (!items.length)
    return (
      <View className='page'>
        <StateView kind='empty' title='还没有人查看过' detail='申请人本人查看不记录。' />
      </View>
    )
  return (
    <View className='page'>
      <Text className='muted legal-access__hint'>除申请人本人外，每次查看案件或证据都记录在这里。</Text>
      <View className='card'>
        {items.map((e, i) => (
          <View key={i} className='legal-access__row'>
            <Text>
              {e.name || e.openid}（{ROLE[e.role] ?? e.role}）{e.what === 'file' ? '查看证据' : '查看案件'}
            </Text>
            <Text className='muted'>{beijingTime(e.at)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default function AccessPage() {
  const { params } = useRouter()
  return <RoleGate spec={legalAidApi.accessLog}>{() => <AccessLog id={decodeURIComponent(params.id ?? '')} />}</RoleGate>
}
