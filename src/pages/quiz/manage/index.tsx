import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { quizApi } from '@/contracts/quiz/api'
import { useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { stateClass, stateLabel } from '../shared/labels'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

/** 答题活动 in the workbench: the campaigns of my union and below. */
export default function QuizManagePage() {
  return <RoleGate spec={quizApi.managedCampaigns}>{() => <Manage />}</RoleGate>
}

const open = (page: string, id: string) => Taro.navigateTo({ url: `/pages/quiz/${page}/index?id=${encodeURIComponent(id)}` })

function Manage() {
  const list = useQuery('quiz', 'managedCampaigns', {})
  const copy = useMutation('quiz', 'copyCampaign', {
    onSuccess: (r) => {
      void list.reload(true)
      void open('edit', r.id)
    },
    onError: (e) => void alert('复制失败', e.message),
  })
  const again = async (id: string) => {
    const ok = await confirm({
      title: '再办一期',
      content: '将复制这个活动的设置、题库和奖品，生成一个新活动（新的抽奖密码）。复制后请修改时间再保存。',
      confirmText: '复制',
    })
    if (ok) await copy.run({ id })
  }
  return (
    <View className='page'>
      <View className='card quiz-row'>
        <Text className='quiz-title'>答题活动</Text>
        <Btn size='sm' className='quiz-new' onClick={() => Taro.navigateTo({ url: '/pages/quiz/edit/index' })}>
          新建活动
        </Btn>
      </View>
      <PageState query={list} isEmpty={(d) => !d.items.length} empty={{ title: '还没有答题活动', detail: '点「新建活动」设置题目和奖品' }}>
        {(d) =>
          d.items.map((c) => (
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
                  <Btn size='sm' kind='secondary' className='quiz-again' loading={copy.busy} onClick={() => again(c.id)}>
                    再办一期
                  </Btn>
                ) : null}
              </View>
            </View>
          ))
        }
      </PageState>
    </View>
  )
}
