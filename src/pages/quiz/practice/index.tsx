import { Text, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Choice from '@/components/Choice'
import PageState from '@/components/PageState'
import { QUESTION_TYPE_LABELS } from '@/contracts/quiz/schemas'
import type { PracticeQuestion, WrongItem } from '@/contracts/quiz/practice'
import { useQuery } from '@/data'
import './index.scss'

const KEYS = 'ABCDEF'
type Mode = 'bank' | 'wrong'

/** 练习: the bank, one tap to answer and see why (never scored, no draws); and 错题本, what I got wrong. */
export default function QuizPracticePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [mode, setMode] = useState<Mode>(params.mode === 'bank' ? 'bank' : 'wrong')
  const canBank = params.bank === '1'
  return (
    <View className='page quiz-practice'>
      {canBank ? (
        <Choice
          className='quiz-practice__modes'
          options={[
            { key: 'wrong', label: '错题本' },
            { key: 'bank', label: '题库练习' },
          ]}
          value={mode}
          onChange={setMode}
        />
      ) : null}
      {mode === 'bank' ? <Bank id={id} /> : <Wrong id={id} />}
    </View>
  )
}

function Wrong({ id }: { id: string }) {
  const book = useQuery('quiz', 'wrongBook', { campaignId: id })
  return (
    <PageState query={book} isEmpty={(d) => !d.items.length} empty={{ title: '错题本是空的', detail: '答错的题会记在这里，附正确答案和解析' }}>
      {(d) => (
        <>
          <Text className='muted quiz-block'>共 {d.items.length} 道错题（后来答对的已移出）</Text>
          {d.items.map((w) => (
            <WrongCard key={w.questionId} w={w} />
          ))}
        </>
      )}
    </PageState>
  )
}

function WrongCard({ w }: { w: WrongItem }) {
  return (
    <View className='card quiz-q quiz-wrong'>
      <Text className='quiz-q__stem'>
        <Text className='quiz-q__type'>[{QUESTION_TYPE_LABELS[w.type]}]</Text>
        {w.stem}
      </Text>
      {w.options.map((o, i) => (
        <View key={i} className={`quiz-opt ${w.answer.includes(i) ? 'quiz-opt--right' : w.yours.includes(i) ? 'quiz-opt--wrong' : ''}`}>
          <Text className='quiz-opt__key'>{KEYS[i]}</Text>
          <Text>{o}</Text>
        </View>
      ))}
      <Text className='quiz-verdict quiz-verdict--wrong'>
        {w.yours.length ? `你选 ${w.yours.map((i) => KEYS[i]).join('')}` : '没有作答'}，正确答案 {w.answer.map((i) => KEYS[i]).join('')}
        {w.times > 1 ? `（答错 ${w.times} 次）` : ''}
      </Text>
      {w.explanation ? <Text className='quiz-explain'>解析：{w.explanation}</Text> : null}
      <Text className='muted'>{beijingMonthDayTime(w.at)}</Text>
    </View>
  )
}

function Bank({ id }: { id: string }) {
  const bank = useQuery('quiz', 'practice', { campaignId: id })
  return (
    <PageState query={bank} isEmpty={(d) => !d.questions.length} empty={{ title: '题库是空的' }}>
      {(d) => (
        <>
          <Text className='muted quiz-block'>共 {d.questions.length} 题。练习不计成绩、不给抽奖机会，点选项即看答案和解析。</Text>
          {d.questions.map((q, n) => (
            <PracticeCard key={q.id} n={n} q={q} />
          ))}
        </>
      )}
    </PageState>
  )
}

function PracticeCard({ n, q }: { n: number; q: PracticeQuestion }) {
  const [picked, setPicked] = useState<number[]>([])
  const [shown, setShown] = useState(false)
  const tap = (i: number) => {
    if (shown) return
    if (q.type !== 'multiple') {
      setPicked([i])
      setShown(true)
    } else setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]))
  }
  const right = shown && picked.length === q.answer.length && q.answer.every((a) => picked.includes(a))
  return (
    <View className='card quiz-q quiz-practice-q'>
      <Text className='quiz-q__stem'>
        <Text className='quiz-q__type'>[{QUESTION_TYPE_LABELS[q.type]}]</Text>
        {n + 1}. {q.stem}
      </Text>
      {q.options.map((o, i) => (
        <View
          key={i}
          className={`quiz-opt ${shown && q.answer.includes(i) ? 'quiz-opt--right' : shown && picked.includes(i) ? 'quiz-opt--wrong' : picked.includes(i) ? 'quiz-opt--on' : ''}`}
          onClick={() => tap(i)}
        >
          <Text className='quiz-opt__key'>{KEYS[i]}</Text>
          <Text>{o}</Text>
        </View>
      ))}
      {q.type === 'multiple' && !shown ? (
        <Text className='quiz-link' onClick={() => setShown(true)}>
          选好了，看答案 ›
        </Text>
      ) : null}
      {shown ? (
        <Text className={`quiz-verdict ${right ? 'quiz-verdict--right' : 'quiz-verdict--wrong'}`}>
          {right ? '回答正确' : `正确答案 ${q.answer.map((i) => KEYS[i]).join('')}`}
        </Text>
      ) : null}
      {shown && q.explanation ? <Text className='quiz-explain'>解析：{q.explanation}</Text> : null}
    </View>
  )
}
