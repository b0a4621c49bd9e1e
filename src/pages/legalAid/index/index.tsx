import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { CATEGORY_LABELS, STATUS_LABELS, type CaseListItem } from '@/contracts/legalAid/schemas'
import { DETAIL_URL, STATUS_TONE } from '../shared/format'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; items: CaseListItem[] }

export default function LegalAidHome() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const load = async () => {
    const r = await call('legalAid', 'myCases', {})
    setState(r.ok ? { kind: 'ok', items: r.data.items } : { kind: 'error', message: r.error.message })
    Taro.stopPullDownRefresh()
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  return (
    <View className='page legal-home'>
      <View className='legal-home__hero'>
        <Text className='legal-home__title'>职工法律援助</Text>
        <Text className='legal-home__sub'>欠薪、工伤、劳动合同、社会保险纠纷，工会免费帮您维权。农民工讨薪和工伤赔偿免予经济困难审查。</Text>
        <Text className='legal-home__sub'>工会在 7 日内决定是否受理，受理后 3 日内指派律师。急事请拨 12351。</Text>
      </View>
      <Btn className='legal-home__apply' onClick={() => Taro.navigateTo({ url: '/pages/legalAid/apply/index' })}>
        申请法律援助
      </Btn>
      <Text className='section-title'>我的法律援助</Text>
      {state.kind === 'loading' ? <StateView kind='loading' title='正在加载…' /> : null}
      {state.kind === 'error' ? (
        <StateView kind='error' title='加载失败' detail={state.message} actions={[{ text: '重试', onClick: () => void load() }]} />
      ) : null}
      {state.kind === 'ok' && !state.items.length ? (
        <StateView kind='empty' title='还没有申请' detail='遇到劳动纠纷，点上面的按钮申请，工会为您指派律师。' />
      ) : null}
      {state.kind === 'ok'
        ? state.items.map((c) => (
            <View key={c.id} className='card legal-case' onClick={() => Taro.navigateTo({ url: DETAIL_URL(c.id) })}>
              <View className='legal-case__top'>
                <Text className='legal-case__category'>{CATEGORY_LABELS[c.category]}</Text>
                <Text className={`legal-badge legal-badge--${STATUS_TONE[c.status]}`}>{STATUS_LABELS[c.status]}</Text>
              </View>
              <Text className='legal-case__employer'>{c.employer}</Text>
              <Text className='muted'>
                {beijingMonthDayTime(c.submittedAt)} 提交 · {c.orgName}
                {c.lawyerName ? ` · ${c.lawyerName}` : ''}
              </Text>
            </View>
          ))
        : null}
    </View>
  )
}
