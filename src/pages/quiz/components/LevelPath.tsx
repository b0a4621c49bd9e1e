import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LevelView } from '@/contracts/quiz/levels'

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

function status(l: LevelView): { text: string; cls: string } {
  if (l.passed) return { text: `已通过 · 最好 ${l.bestScore} 题`, cls: 'passed' }
  if (!l.open) return { text: `${monthDay(l.opensOn)}开放`, cls: 'locked' }
  if (!l.reachable) return { text: '先通过上一关', cls: 'locked' }
  if (!l.triesLeftToday) return { text: '今天次数已用完', cls: 'locked' }
  return { text: `可以闯关 · 今天还有 ${l.triesLeftToday} 次`, cls: 'open' }
}

/** 闯关 progress as a path: one stop per level, passed ones filled, the next one open, the rest locked. */
export default function LevelPath({ campaignId, levels }: { campaignId: string; levels: LevelView[] }) {
  const go = (l: LevelView) => {
    if (!l.open || !l.reachable) return
    void Taro.navigateTo({ url: `/pages/quiz/lesson/index?id=${encodeURIComponent(campaignId)}&level=${l.index}` })
  }
  const passed = levels.filter((l) => l.passed).length
  return (
    <View className='card quiz-path'>
      <Text className='section-title'>
        闯关进度（{passed}/{levels.length}）
      </Text>
      {levels.map((l) => {
        const s = status(l)
        return (
          <View key={l.index} className={`quiz-path__stop quiz-path__stop--${s.cls}`} onClick={() => go(l)}>
            <View className='quiz-path__dot'>{l.passed ? '✓' : l.index + 1}</View>
            <View className='quiz-path__text'>
              <Text className='quiz-path__title'>
                第 {l.index + 1} 关 · {l.title}
              </Text>
              <Text className='quiz-path__status'>
                {s.text} · {l.questionsPerAttempt} 题答对 {l.passScore} 题过关{l.hasLesson ? ' · 有学习内容' : ''}
              </Text>
            </View>
            {l.open && l.reachable ? <Text className='quiz-path__go'>›</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
