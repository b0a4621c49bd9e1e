import { Input, Text, Textarea, View } from '@tarojs/components'
import Check from '@/components/Check'
import Choice from '@/components/Choice'
import DateTimePicker from '@/components/DateTimePicker'
import Field from '@/components/Field'
import type { EditForm, EditMeta, EditValues } from './form'

type NumberKey = 'questionsPerAttempt' | 'timeLimitMin' | 'passScore' | 'attemptsPerDay' | 'drawsPerPass' | 'dailyPrizeCap'

const NUMBERS: Array<{ key: NumberKey; label: string; name: string; path: string; required?: boolean; hint?: string; digit?: boolean }> = [
  { key: 'questionsPerAttempt', label: '每次题数', name: 'questionsPerAttempt', path: 'questionsPerAttempt', required: true },
  { key: 'timeLimitMin', label: '限时（分钟）', name: 'timeLimit', path: 'timeLimitSec', required: true, digit: true },
  { key: 'passScore', label: '及格题数', name: 'passScore', path: 'passScore', required: true },
  { key: 'attemptsPerDay', label: '每天答题次数', name: 'attemptsPerDay', path: 'attemptsPerDay', required: true },
  { key: 'drawsPerPass', label: '及格一次抽奖几次', name: 'drawsPerPass', path: 'drawsPerPass', required: true },
  { key: 'dailyPrizeCap', label: '每天发奖上限', name: 'dailyPrizeCap', path: 'dailyPrizeCap', hint: '不填则不限' },
]

/** 基本设置: name, times (Beijing, by picker), who may take part, and the numbers of one attempt. */
export default function SettingsCard({ form, meta }: { form: EditForm; meta: EditMeta | null }) {
  const { values: v, set, error } = form
  const text = (k: keyof EditValues) => (ev: { detail: { value: string } }) => set(k, ev.detail.value as never)
  return (
    <View className='card'>
      <Text className='section-title'>基本设置</Text>
      <Field label='活动名称' name='title' required error={error('title')}>
        <Input className='field__input' value={v.title} maxlength={40} placeholder='如：劳动法律知识竞赛' onInput={text('title')} />
      </Field>
      <Field label='活动说明' name='description' error={error('description')}>
        <Textarea className='field__textarea' value={v.description} maxlength={500} placeholder='选填' onInput={text('description')} />
      </Field>
      <Field label='开始时间' name='startAt' required error={error('startAt')} hint={meta?.startLocked ? '已有人抽奖，开始时间不能再改' : '北京时间'}>
        <DateTimePicker
          className={meta?.startLocked ? 'quiz-locked' : ''}
          value={v.startAt}
          disabled={meta?.startLocked}
          onChange={(x) => set('startAt', x)}
        />
      </Field>
      <Field label='结束时间' name='endAt' required error={error('endAt')} hint={meta?.ended ? '活动已结束，不能延期' : '北京时间'}>
        <DateTimePicker className={meta?.ended ? 'quiz-locked' : ''} value={v.endAt} disabled={meta?.ended} onChange={(x) => set('endAt', x)} />
      </Field>
      <Field label='参与对象' name='audience' required error={error('audience')}>
        <Choice
          options={
            [
              { key: 'all', label: '所有职工' },
              { key: 'members', label: '仅工会会员' },
            ] as const
          }
          value={v.audience}
          onChange={(k) => set('audience', k)}
        />
      </Field>
      <View className='quiz-edit-grid'>
        {NUMBERS.map((n) => (
          <Field key={n.key} label={n.label} name={n.name} required={n.required} hint={n.hint} error={error(n.path)}>
            <Input className='field__input' type={n.digit ? 'digit' : 'number'} value={v[n.key]} onInput={text(n.key)} />
          </Field>
        ))}
      </View>
      <Check checked={v.showRanking} onChange={(x) => set('showRanking', x)}>
        显示排行榜（按个人成绩，成绩相同用时短者在前）
      </Check>
      <Check checked={v.practiceOpen} onChange={(x) => set('practiceOpen', x)}>
        练习模式：活动进行中也可以看题库练习（不计成绩、不给抽奖；活动结束后总是可以练习）
      </Check>
    </View>
  )
}
