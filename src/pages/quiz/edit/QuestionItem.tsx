import { Input, Text, Textarea, View } from '@tarojs/components'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import { JUDGE_OPTIONS, QUESTION_TYPES, QUESTION_TYPE_LABELS } from '@/contracts/quiz/schemas'
import type { QForm } from './form'

const KEYS = 'ABCDEF'

interface Props {
  index: number
  /** 闯关: how many levels the campaign has (0: none) */
  levelCount: number
  q: QForm
  onChange: (patch: Partial<QForm>) => void
  onRemove: () => void
  /** the form's error at `questions.<index>.<field>` */
  error: (field: string) => string | undefined
}

/** One question of the bank: type, stem, options with the right ones marked, explanation. */
export default function QuestionItem({ index: i, q, levelCount, onChange, onRemove, error }: Props) {
  const toggle = (k: number) =>
    onChange({ answer: q.type === 'multiple' ? (q.answer.includes(k) ? q.answer.filter((a) => a !== k) : [...q.answer, k].sort()) : [k] })
  const optionError = error('answer') || error('options')
  return (
    <View className='quiz-edit-item quiz-edit-question'>
      <Choice
        options={QUESTION_TYPES.map((t) => ({ key: t, label: QUESTION_TYPE_LABELS[t] }))}
        value={q.type}
        onChange={(t) => onChange({ type: t, answer: [], options: t === 'judge' ? [] : q.options.length ? q.options : ['', '', '', ''] })}
      />
      <Field label={`第 ${i + 1} 题`} name={`q-${i}`} error={error('stem')}>
        <Textarea
          className='field__textarea'
          value={q.stem}
          maxlength={300}
          placeholder='题干'
          onInput={(ev) => onChange({ stem: ev.detail.value })}
        />
      </Field>
      {(q.type === 'judge' ? JUDGE_OPTIONS : q.options).map((o, k) => (
        <View key={k} className='quiz-edit-opt'>
          <View className={`quiz-edit-mark ${q.answer.includes(k) ? 'quiz-edit-mark--on' : ''}`} onClick={() => toggle(k)}>
            {KEYS[k]}
          </View>
          {q.type === 'judge' ? (
            <Text>{o}</Text>
          ) : (
            <Input
              className='field__input'
              value={o}
              placeholder={`选项 ${KEYS[k]}`}
              onInput={(ev) => onChange({ options: q.options.map((x, j) => (j === k ? ev.detail.value : x)) })}
            />
          )}
        </View>
      ))}
      <Text className='muted'>点字母设为正确答案{q.type === 'multiple' ? '（可多选）' : ''}</Text>
      {optionError ? <Text className='quiz-error quiz-edit-option-error'>{optionError}</Text> : null}
      {levelCount ? (
        <Field label='属于第几关' name={`q-${i}-level`} error={error('level')}>
          <Choice
            className='quiz-edit-level-pick'
            options={Array.from({ length: levelCount }, (_, k) => ({ key: String(k), label: `第 ${k + 1} 关` }))}
            value={q.level === undefined ? '' : String(q.level)}
            onChange={(k) => onChange({ level: Number(k) })}
          />
        </Field>
      ) : null}
      <Field label='解析' name={`q-${i}-explanation`} error={error('explanation')}>
        <Textarea
          className='field__textarea'
          value={q.explanation}
          maxlength={500}
          placeholder='选填，交卷后展示'
          onInput={(ev) => onChange({ explanation: ev.detail.value })}
        />
      </Field>
      <Text className='quiz-edit-link' onClick={onRemove}>
        删除这道题
      </Text>
    </View>
  )
}
