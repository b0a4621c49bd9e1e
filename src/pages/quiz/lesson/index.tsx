import { Image, Text, Video, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import type { LessonView } from '@/contracts/quiz/levels'
import { useQuery } from '@/data'
import { confirm } from '@/utils/dialog'
import './index.scss'

/** A level's short lesson, read before the level starts; then 开始闯关. */
export default function QuizLessonPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const level = Number(params.level ?? 0)
  const lesson = useQuery('quiz', 'lesson', { campaignId: id, level })
  return <PageState query={lesson}>{(l) => <Lesson l={l} />}</PageState>
}

function Lesson({ l }: { l: LessonView }) {
  const empty = !l.text && !l.images.length && !l.video
  const start = async () => {
    const ok = await confirm({
      title: `开始第 ${l.level + 1} 关`,
      content: '开始后计时不会暂停，每次闯关都算一次机会。',
      confirmText: '开始',
      cancelText: '再看看',
    })
    if (ok) void Taro.redirectTo({ url: `/pages/quiz/play/index?id=${encodeURIComponent(l.campaignId)}&level=${l.level}` })
  }
  return (
    <View className='page quiz-lesson'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>
          第 {l.level + 1} 关 · {l.title}
        </Text>
        <Text className='muted'>{empty ? '这一关没有学习内容，可以直接开始。' : '先学一学，再来闯关。'}</Text>
      </View>
      {empty ? null : (
        <View className='card quiz-lesson__body'>
          {l.text ? <Text className='quiz-lesson__text'>{l.text}</Text> : null}
          {l.images.map((src) => (
            <Image key={src} className='quiz-lesson__image' src={src} mode='widthFix' />
          ))}
          {l.video ? <Video className='quiz-lesson__video' src={l.video} controls /> : null}
        </View>
      )}
      <Btn className='quiz-lesson-start' onClick={start}>
        {empty ? '开始闯关' : '学完了，开始闯关'}
      </Btn>
    </View>
  )
}
