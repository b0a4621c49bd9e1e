import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import Btn from '@/components/Btn'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { quizApi } from '@/contracts/quiz/api'
import { useLoad } from '../shared/useLoad'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 答题活动 in the workbench: the campaigns of my union and below. */
export default function QuizManagePage() {
  return <RoleGate spec={quizApi.managedCampaigns}>{() => <Manage />}</RoleGate>
}

function Manage() {
  const list = useLoad(() => call('quiz', 'managedCampaigns', {}))
  useDidShow(() => {
    if (list.data) list.reload()
  })
  const again = async (id: string) => {
    const ok = await Taro.showModal({
      title: '再办一期',
      content: '将复制这个活动的设置、题库和奖品，生成一个新活动（新的抽奖种子）。复制后请修改时间再保存。',
      confirmText: '复制',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    const r = await call('quiz', 'copyCampaign', { id })
    if (!r.ok) return void Taro.showModal({ title: '复制失败', content: r.error.message, showCancel: false })
    list.reload()
    open('edit', r.data.id)
  }
  const open = (page: string, id: string) => Taro.navigateTo({ url: `/pages/quiz/${page}/index?id=${encodeURIComponent(id)}` })
  return (
    <View className='page'>
      <View className='card quiz-row'>
        <Text className='quiz-title'>答题活动</Text>
        <Btn size='sm' className='quiz-new' onClick={() => Taro.navigateTo({ url: '/pages/quiz/edit/index' })}>
          新建活动
        </Btn>
      </View>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='加载失败' detail={list.error} actions={[{ text: '重试', onClick: list.reload }]} /> : null}
      {list.data && !list.data.items.length ? <StateView kind='empty' title='还没有答题活动' detail='点「新建活动」设置题目和奖品' /> : null}
      {list.data?.items.map((c) => (
        <View key={c.id} className='card quiz-managed'>
          <View className='quiz-row'>
            <Text className='quiz-title'>{c.title}</Text>
            <Text className={stateClass(c.state)}>{stateLabel(c.state)}</Text>
          </View>
          <Text className='quiz-meta'>
            {beijingMonthDayTime(c.startAt)} 至 {beijingMonthDayTime(c.endAt)} · 题库 {c.questionCount} 题
          </Text>
          <View className='row-actions'>
            <Btn size='sm' kind='secondary' onClick={() => open('edit', c.id)}>
              编辑
            </Btn>
            <Btn size='sm' kind='ghost' onClick={() => open('stats', c.id)}>
              统计
            </Btn>
            {c.state === 'ended' ? (
              <Btn size='sm' kind='secondary' className='quiz-again' onClick={() => again(c.id)}>
                再办一期
              </Btn>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
