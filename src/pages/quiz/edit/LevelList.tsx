import { Input, Text, Textarea, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import { LEVEL_OPENINGS, LEVEL_OPENING_LABELS, MAX_LESSON_IMAGES } from '@/contracts/quiz/levels'
import { newLevel, type EditForm, type LForm } from './form'

const NUMBERS: Array<{ key: 'questionsPerAttempt' | 'passScore' | 'attemptsPerDay'; label: string }> = [
  { key: 'questionsPerAttempt', label: '每关题数' },
  { key: 'passScore', label: '及格题数' },
  { key: 'attemptsPerDay', label: '每天次数' },
]

/**
 * 闯关: none for a plain campaign. Each level draws from the questions marked with it, has its own pass mark and
 * tries per day, and may carry a short lesson shown before it starts.
 */
export default function LevelList({ form, locked }: { form: EditForm; locked: boolean }) {
  const { levels } = form.values
  const setL = (i: number, patch: Partial<LForm>) =>
    form.set(
      'levels',
      levels.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    )
  const remove = (i: number) => {
    form.set(
      'levels',
      levels.filter((_, j) => j !== i),
    )
    // The questions of a removed level go back to no level; later levels move up by one.
    form.set(
      'questions',
      form.values.questions.map((q) => (q.level === undefined || q.level < i ? q : { ...q, level: q.level === i ? undefined : q.level - 1 })),
    )
  }
  const err = (i: number, f: string) => form.error(`levels.${i}.${f}`)
  return (
    <View className='card quiz-edit-levels'>
      <Text className='section-title'>闯关（{levels.length ? `${levels.length} 关` : '不分关'}）</Text>
      <Text className='muted'>分关后，每关从标为该关的题目里随机出题，通过上一关才能闯下一关；通过最后一关颁发电子证书并获得抽奖机会。</Text>
      {locked ? <Text className='muted'>活动已开始，关卡数不能再增减。</Text> : null}
      {levels.length ? (
        <Field label='开放方式' name='levelOpening' error={form.error('levelOpening')}>
          <Choice
            options={LEVEL_OPENINGS.map((k) => ({ key: k, label: LEVEL_OPENING_LABELS[k] }))}
            value={form.values.levelOpening}
            onChange={(k) => form.set('levelOpening', k)}
          />
        </Field>
      ) : null}
      {levels.map((l, i) => (
        <View key={i} className='quiz-edit-item quiz-edit-level'>
          <Field label={`第 ${i + 1} 关名称`} name={`level-${i}`} error={err(i, 'title')}>
            <Input className='field__input' value={l.title} maxlength={20} onInput={(ev) => setL(i, { title: ev.detail.value })} />
          </Field>
          <View className='quiz-edit-grid quiz-edit-grid--3'>
            {NUMBERS.map((n) => (
              <Field key={n.key} label={n.label} name={`level-${i}-${n.key}`} error={err(i, n.key)}>
                <Input className='field__input' type='number' value={l[n.key]} onInput={(ev) => setL(i, { [n.key]: ev.detail.value })} />
              </Field>
            ))}
          </View>
          <Field label='闯关前的学习内容' name={`level-${i}-lesson`} error={err(i, 'lessonText')} hint='选填，几段简短的法律知识'>
            <Textarea
              className='field__textarea'
              value={l.lessonText}
              maxlength={2000}
              placeholder='如：劳动合同应当采用书面形式……'
              onInput={(ev) => setL(i, { lessonText: ev.detail.value })}
            />
          </Field>
          <Field
            label='图片链接'
            name={`level-${i}-images`}
            error={err(i, 'lessonImages')}
            hint={`选填，每行一个 https 链接，最多 ${MAX_LESSON_IMAGES} 张`}
          >
            <Textarea
              className='field__textarea quiz-edit-links'
              value={l.lessonImages}
              maxlength={1600}
              onInput={(ev) => setL(i, { lessonImages: ev.detail.value })}
            />
          </Field>
          <Field label='视频链接' name={`level-${i}-video`} error={err(i, 'lessonVideo')} hint='选填，https 开头'>
            <Input className='field__input' value={l.lessonVideo} onInput={(ev) => setL(i, { lessonVideo: ev.detail.value })} />
          </Field>
          {!locked ? (
            <Text className='quiz-edit-link' onClick={() => remove(i)}>
              删除这一关
            </Text>
          ) : null}
        </View>
      ))}
      {!locked ? (
        <Btn kind='ghost' size='sm' className='quiz-add-level' onClick={() => form.set('levels', [...levels, newLevel(levels.length + 1)])}>
          添加关卡
        </Btn>
      ) : null}
    </View>
  )
}
