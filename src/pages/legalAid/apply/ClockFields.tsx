import { Text, View } from '@tarojs/components'
import { DatePicker } from '@/components/DateTimePicker'
import Field from '@/components/Field'
import { ARBITRATION_CATEGORIES, arbitrationWarning, clockBounds, clocksOf, clockText, firstAidClock } from '@/contracts/legalAid/clocks'
import type { Category } from '@/contracts/legalAid/schemas'

interface ClockValues {
  hearingDay: string
  limitationDay: string
  leftOn: string
}

interface Props {
  category: Category | null
  values: ClockValues
  set: (key: keyof ClockValues, day: string) => void
  error: (path: string) => string | undefined
}

/**
 * The dates the law counts from, all optional: a hearing or the end of a limitation period (先行援助 under 7 days),
 * and for 欠薪 and 辞退 the day the job ended (one year to apply for arbitration). The worker sees at once what
 * the union will see.
 */
export default function ClockFields({ category, values, set, error }: Props) {
  const now = Date.now()
  const bounds = clockBounds(now)
  const clocks = clocksOf({ category: category ?? '', ...values })
  const aid = firstAidClock(clocks, now)
  const warning = arbitrationWarning(clocks, now)
  const clear = (key: keyof ClockValues) =>
    values[key] ? (
      <Text className='legal-apply__clear' onClick={() => set(key, '')}>
        清除
      </Text>
    ) : null
  return (
    <>
      <Field label='开庭日期' name='hearing-day' error={error('hearingDay')} hint='已经定了开庭（仲裁或诉讼）的，请选开庭那天'>
        <View className='legal-apply__date'>
          <View className='legal-apply__date-pick'>
            <DatePicker
              value={values.hearingDay}
              placeholder='没有可不选'
              {...bounds.future}
              openAt={bounds.future.start}
              onChange={(d) => set('hearingDay', d)}
            />
          </View>
          {clear('hearingDay')}
        </View>
      </Field>
      <Field label='时效届满日' name='limitation-day' error={error('limitationDay')} hint='知道某个期限哪天到期（如上诉期）的，请选那天'>
        <View className='legal-apply__date'>
          <View className='legal-apply__date-pick'>
            <DatePicker
              value={values.limitationDay}
              placeholder='没有可不选'
              {...bounds.future}
              openAt={bounds.future.start}
              onChange={(d) => set('limitationDay', d)}
            />
          </View>
          {clear('limitationDay')}
        </View>
      </Field>
      {category && ARBITRATION_CATEGORIES.includes(category) ? (
        <Field
          label={category === 'wage' ? '离职日期' : '被辞退或离职日期'}
          name='left-on'
          error={error('leftOn')}
          hint='申请劳动仲裁要在离职后一年内。还在职就不选'
        >
          <View className='legal-apply__date'>
            <View className='legal-apply__date-pick'>
              <DatePicker
                value={values.leftOn}
                placeholder='还在职可不选'
                {...bounds.past}
                openAt={bounds.past.end}
                onChange={(d) => set('leftOn', d)}
              />
            </View>
            {clear('leftOn')}
          </View>
        </Field>
      ) : null}
      {aid ? <Text className='legal-first-aid legal-apply__first-aid'>先行援助：{clockText(aid, now)}，工会将优先处理</Text> : null}
      {warning ? <Text className='legal-apply__warning'>{warning}</Text> : null}
    </>
  )
}
