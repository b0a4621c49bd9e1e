import { Input, Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import { DatePicker } from '@/components/DateTimePicker'
import { MAX_SEASONS } from '@/contracts/stations/lifecycle'
import type { FieldMessages } from '@/utils/form'
import { beijingDay } from '@/contracts/time'
import type { SeasonForm, StationForm } from './form'

interface Props {
  form: StationForm
  errors: FieldMessages
  set: <K extends keyof StationForm>(key: K, value: StationForm[K]) => void
}

/** 流动驿站 and 送清凉: the days a station runs, and seasonal hours that replace the usual ones. */
export default function Lifecycle({ form, errors, set }: Props) {
  // The wheels open on Beijing's today, not the phone's (a phone abroad, or a browser on UTC).
  const today = beijingDay()
  const setSeason = (i: number, patch: Partial<SeasonForm>) =>
    set(
      'seasons',
      form.seasons.map((s, k) => (k === i ? { ...s, ...patch } : s)),
    )
  return (
    <View className='card station-edit__lifecycle'>
      <Text className='section-title'>开放日期与季节时段</Text>
      <Text className='muted station-edit__section-note'>流动驿站、季节性驿站可设启用和到期日期：到期后工友就搜不到它了，这里仍可查看和续期。</Text>
      <Field label='启用日期' name='validFrom' error={errors.validFrom}>
        <View className='station-edit__date-row'>
          <DatePicker
            className='station-edit__valid-from'
            value={form.validFrom}
            openAt={today}
            placeholder='不限（已在开放）'
            onChange={(d) => set('validFrom', d)}
          />
          {form.validFrom ? (
            <Text className='station-edit__clear' onClick={() => set('validFrom', '')}>
              清除
            </Text>
          ) : null}
        </View>
      </Field>
      <Field label='到期日期' name='validTo' error={errors.validTo} hint='最后开放的一天，含当天'>
        <View className='station-edit__date-row'>
          <DatePicker
            className='station-edit__valid-to'
            value={form.validTo}
            openAt={today}
            placeholder='不限（长期开放）'
            onChange={(d) => set('validTo', d)}
          />
          {form.validTo ? (
            <Text className='station-edit__clear' onClick={() => set('validTo', '')}>
              清除
            </Text>
          ) : null}
        </View>
      </Field>

      <View className='field field--seasons'>
        <View className='field__label'>
          <Text>季节时段</Text>
        </View>
        <Text className='muted station-edit__section-note'>如夏季「送清凉」延长开放：时段内按这里的时间开放，其余日子按上面的开放时间。</Text>
        {form.seasons.map((s, i) => (
          <View key={i} className={`station-edit__season station-edit__season--${i}`}>
            <Field label='名称' name={`season-name-${i}`} error={errors[`seasons.${i}.name`]}>
              <Input
                className='field__input station-edit__season-name'
                value={s.name}
                maxlength={12}
                placeholder='如：送清凉'
                onInput={(e) => setSeason(i, { name: e.detail.value })}
              />
            </Field>
            <Field label='日期' name={`season-dates-${i}`} required error={errors[`seasons.${i}.from`] || errors[`seasons.${i}.to`]}>
              <View className='station-edit__season-dates'>
                <DatePicker
                  className='station-edit__season-from'
                  value={s.from}
                  openAt={today}
                  placeholder='开始'
                  onChange={(d) => setSeason(i, { from: d })}
                />
                <Text className='muted'>至</Text>
                <DatePicker
                  className='station-edit__season-to'
                  value={s.to}
                  placeholder='结束'
                  openAt={s.from || today}
                  onChange={(d) => setSeason(i, { to: d })}
                />
              </View>
            </Field>
            <Field label='这段时间的开放时间' name={`season-hours-${i}`} required error={errors[`seasons.${i}.hours`]}>
              <Input
                className='field__input station-edit__season-hours'
                value={s.hours}
                maxlength={80}
                placeholder='如：06:00-21:00'
                onInput={(e) => setSeason(i, { hours: e.detail.value })}
              />
            </Field>
            <Text
              className='station-edit__season-remove'
              onClick={() =>
                set(
                  'seasons',
                  form.seasons.filter((_, k) => k !== i),
                )
              }
            >
              删除这个时段
            </Text>
          </View>
        ))}
        {errors.seasons ? <Text className='station-edit__form-error'>{errors.seasons}</Text> : null}
        {form.seasons.length < MAX_SEASONS ? (
          <Btn
            kind='ghost'
            size='sm'
            className='station-edit__season-add'
            onClick={() => set('seasons', [...form.seasons, { name: '送清凉', from: '', to: '', hours: '' }])}
          >
            添加季节时段
          </Btn>
        ) : null}
      </View>
    </View>
  )
}
