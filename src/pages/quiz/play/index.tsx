import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import { call } from '@/api/client'
import { QUESTION_TYPE_LABELS, type StartResult, type SubmitResult } from '@/contracts/quiz/schemas'
import { useMutation, useQueryWith } from '@/data'
import { confirm } from '@/utils/dialog'
import './index.scss'

const KEYS = 'ABCDEF'

/** The quiz: questions as the server sent them (options already shuffled, no answers), a countdown, one submit. */
export default function QuizPlayPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  // 闯关: which level; a plain campaign has none.
  const level = params.level === undefined || params.level === '' ? undefined : Number(params.level)
  // `start` spends a try (a mutation): loaded once, never again on show or pull (it resumes the open attempt anyway).
  const attempt = useQueryWith(() => call('quiz', 'start', { campaignId: id, ...(level === undefined ? {} : { level }) }), [id, level], {
    reloadOnShow: false,
    pullToRefresh: false,
  })
  return (
    <PageState query={attempt} loadingText='正在出题…'>
      {(a) => <Quiz campaignId={id} attempt={a} />}
    </PageState>
  )
}

function Quiz({ campaignId, attempt }: { campaignId: string; attempt: StartResult }) {
  const [answers, setAnswers] = useState<Record<string, number[]>>({})
  const [left, setLeft] = useState(() => Math.max(0, Date.parse(attempt.deadline) - Date.now()))
  const [result, setResult] = useState<SubmitResult | null>(null)
  // A refused submit (late, already sent) cannot succeed by retrying; a network failure can.
  const [final, setFinal] = useState(false)
  const submission = useMutation('quiz', 'submit', {
    onSuccess: (r) => setResult(r),
    onError: (e) => setFinal(e.code !== 'INTERNAL'),
  })
  const latest = useRef(answers)
  latest.current = answers
  const submit = () => void submission.run({ attemptId: attempt.attemptId, answers: latest.current })

  useEffect(() => {
    if (result) return
    const t = setInterval(() => {
      const ms = Math.max(0, Date.parse(attempt.deadline) - Date.now())
      setLeft(ms)
      if (ms === 0) {
        clearInterval(t)
        submit()
      }
    }, 500)
    return () => clearInterval(t)
  }, [result])

  if (result) return <Result campaignId={campaignId} attempt={attempt} result={result} answers={answers} />

  const pick = (qid: string, multiple: boolean, i: number) =>
    setAnswers((a) => {
      const cur = a[qid] ?? []
      const next = multiple ? (cur.includes(i) ? cur.filter((x) => x !== i) : [...cur, i].sort()) : [i]
      return { ...a, [qid]: next }
    })
  const unanswered = attempt.questions.filter((q) => !(answers[q.id] ?? []).length).length
  const confirmSubmit = async () => {
    const ok = await confirm({
      title: '交卷',
      content: unanswered ? `还有 ${unanswered} 题没有作答，交卷后不能修改。` : '交卷后不能修改，确定交卷吗？',
      confirmText: '交卷',
      cancelText: '再看看',
    })
    if (ok) submit()
  }
  const secs = Math.ceil(left / 1000)
  return (
    <View className='page quiz-play'>
      <View className='quiz-timer'>
        <Text className='muted'>
          已答 {attempt.questions.length - unanswered}/{attempt.questions.length}
        </Text>
        <Text className={`quiz-timer__clock ${secs <= 30 ? 'quiz-timer__clock--low' : ''}`}>
          {String(Math.floor(secs / 60)).padStart(2, '0')}:{String(secs % 60).padStart(2, '0')}
        </Text>
      </View>
      {attempt.questions.map((q, n) => (
        <View key={q.id} className='card quiz-q'>
          <Text className='quiz-q__stem'>
            <Text className='quiz-q__type'>[{QUESTION_TYPE_LABELS[q.type]}]</Text>
            {n + 1}. {q.stem}
          </Text>
          {q.options.map((o, i) => (
            <View
              key={i}
              className={`quiz-opt ${(answers[q.id] ?? []).includes(i) ? 'quiz-opt--on' : ''}`}
              onClick={() => pick(q.id, q.type === 'multiple', i)}
            >
              <Text className='quiz-opt__key'>{KEYS[i]}</Text>
              <Text>{o}</Text>
            </View>
          ))}
        </View>
      ))}
      <FormError message={submission.error?.message} />
      <Btn className='quiz-submit' disabled={final} loading={submission.busy} onClick={confirmSubmit}>
        交卷
      </Btn>
    </View>
  )
}

interface ResultProps {
  campaignId: string
  attempt: StartResult
  result: SubmitResult
  answers: Record<string, number[]>
}

function Result({ campaignId, attempt, result, answers }: ResultProps) {
  const go = (page: string) => Taro.redirectTo({ url: `/pages/quiz/${page}/index?id=${encodeURIComponent(campaignId)}` })
  return (
    <View className='page quiz-result'>
      <View className='card quiz-score'>
        <Text className={`quiz-score__num ${result.passed ? 'quiz-score__num--pass' : ''}`}>
          {result.score}/{result.total}
        </Text>
        <Text className='quiz-title'>
          {result.level !== undefined
            ? result.passed
              ? `第 ${result.level + 1} 关通过！`
              : `还差一点，答对 ${result.passScore} 题过关`
            : result.passed
              ? '恭喜及格！'
              : `还差一点，答对 ${result.passScore} 题及格`}
        </Text>
        {result.certificateCode ? (
          <Text className='muted quiz-result-cert'>全部关卡已通过，获得电子证书（编号 {result.certificateCode}）</Text>
        ) : null}
        {result.drawsGranted ? (
          <Text className='muted'>
            获得 {result.drawsGranted} 次{result.prizeMode === 'pick' ? '选奖品' : '抽奖'}机会
          </Text>
        ) : null}
        <View className='row-actions quiz-actions'>
          {result.certificateCode ? (
            <Btn className='quiz-go-cert' onClick={() => go('certificate')}>
              查看证书
            </Btn>
          ) : null}
          {result.drawsGranted ? (
            <Btn className='quiz-go-draw' kind={result.certificateCode ? 'secondary' : 'primary'} onClick={() => go('draw')}>
              {result.prizeMode === 'pick' ? '去选奖品' : '去抽奖'}
            </Btn>
          ) : null}
          <Btn kind={result.certificateCode || result.drawsGranted ? 'ghost' : 'secondary'} className='quiz-back' onClick={() => go('campaign')}>
            返回活动
          </Btn>
        </View>
      </View>
      <Text className='section-title'>答案与解析</Text>
      {result.review.map((r, n) => {
        const q = attempt.questions.find((x) => x.id === r.questionId)
        if (!q) return null
        const mine = answers[q.id] ?? []
        return (
          <View key={q.id} className='card quiz-q'>
            <Text className='quiz-q__stem'>
              {n + 1}. {q.stem}
            </Text>
            {q.options.map((o, i) => (
              <View key={i} className={`quiz-opt ${r.answer.includes(i) ? 'quiz-opt--right' : mine.includes(i) ? 'quiz-opt--wrong' : ''}`}>
                <Text className='quiz-opt__key'>{KEYS[i]}</Text>
                <Text>{o}</Text>
              </View>
            ))}
            <Text className={`quiz-verdict ${r.correct ? 'quiz-verdict--right' : 'quiz-verdict--wrong'}`}>
              {r.correct ? '回答正确' : `回答错误，正确答案：${r.answer.map((i) => KEYS[i]).join('')}`}
            </Text>
            {r.explanation ? <Text className='quiz-explain'>解析：{r.explanation}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
