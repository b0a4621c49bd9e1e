import { Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import { emptyQuestion, type EditForm, type QForm } from './form'
import QuestionItem from './QuestionItem'

/** 题库: every question, each with its own errors beside it. */
export default function QuestionList({ form }: { form: EditForm }) {
  const { questions } = form.values
  const setQ = (i: number, patch: Partial<QForm>) =>
    form.set(
      'questions',
      questions.map((q, j) => (j === i ? { ...q, ...patch } : q)),
    )
  const itemHasError = questions.some((_, i) => form.error(`questions.${i}`))
  const listError = itemHasError ? undefined : form.error('questions')
  return (
    <View className='card'>
      <Text className='section-title'>题库（{questions.length} 题）</Text>
      {form.values.levels.length ? <Text className='muted'>分关时请为每道题选择所属关卡；没选关卡的题不会出现在闯关里。</Text> : null}
      {listError ? <Text className='quiz-error'>{listError}</Text> : null}
      {questions.map((q, i) => (
        <QuestionItem
          key={q.id ?? `new-${i}`}
          index={i}
          levelCount={form.values.levels.length}
          q={q}
          onChange={(patch) => setQ(i, patch)}
          onRemove={() =>
            form.set(
              'questions',
              questions.filter((_, j) => j !== i),
            )
          }
          error={(field) => form.error(`questions.${i}.${field}`)}
        />
      ))}
      <Btn kind='ghost' size='sm' className='quiz-add-question' onClick={() => form.set('questions', [...questions, emptyQuestion()])}>
        添加题目
      </Btn>
    </View>
  )
}
