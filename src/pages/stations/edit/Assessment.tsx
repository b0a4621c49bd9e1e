import { Input, Text, View } from '@tarojs/components'
import Check from '@/components/Check'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import { completeness, completenessText, MIN_AREA_M2 } from '@/contracts/stations/assessment'
import type { FieldMessages } from '@/utils/form'
import { assessmentOf, type AssessmentForm, type StationForm, type YesNo } from './form'

interface Props {
  form: StationForm
  errors: FieldMessages
  set: <K extends keyof StationForm>(key: K, value: StationForm[K]) => void
}

const YES_NO = [
  { key: 'yes', label: '是' },
  { key: 'no', label: '否' },
] as const

/**
 * 星级自评 against 山东's standard. The kit (桌椅, 饮水, 微波炉, 医药箱, 风扇或空调; 法律服务, 心理咨询) is ticked
 * in 设施 above; here only what workers do not need to see. The count is computed, never a star rating.
 */
export default function AssessmentCard({ form, errors, set }: Props) {
  const a = form.assessment
  const put = (patch: Partial<AssessmentForm>) => set('assessment', { ...a, ...patch })
  const area = a.areaM2.trim()
  const c = completeness({ ...assessmentOf(a), areaM2: area && Number.isFinite(Number(area)) ? Number(area) : null }, form.amenities)
  return (
    <View className='card station-edit__assessment'>
      <Text className='section-title'>星级自评（对照省级标准）</Text>
      <View className={`station-edit__completeness ${c.complete ? 'station-edit__completeness--ok' : ''}`}>
        <Text className='station-edit__completeness-text'>{completenessText(c)}</Text>
        {c.extras.length ? <Text className='muted'>另有：{c.extras.join('、')}</Text> : null}
      </View>
      <Field label='面积（平方米）' name='areaM2' error={errors['assessment.areaM2']} hint={`标准要求不少于 ${MIN_AREA_M2} 平方米`}>
        <Input
          className='field__input station-edit__area'
          type='digit'
          value={a.areaM2}
          maxlength={8}
          placeholder='如：20'
          onInput={(e) => put({ areaM2: e.detail.value })}
        />
      </Field>
      <Field label='位于一楼' name='groundFloor' error={errors['assessment.groundFloor']}>
        <Choice<'yes' | 'no'>
          className='station-edit__ground'
          options={YES_NO}
          value={a.groundFloor}
          onChange={(v: YesNo) => put({ groundFloor: v })}
        />
      </Field>
      <Field label='临街（从街上能看到、直接进门）' name='facingStreet' error={errors['assessment.facingStreet']}>
        <Choice<'yes' | 'no'>
          className='station-edit__street'
          options={YES_NO}
          value={a.facingStreet}
          onChange={(v: YesNo) => put({ facingStreet: v })}
        />
      </Field>
      <Text className='muted station-edit__section-note'>
        桌椅、饮水、微波炉、医药箱、风扇或空调，以及法律服务、心理咨询，请在上面「设施」中勾选。
      </Text>
      <Check className='station-edit__haircut' checked={a.haircut} onChange={(v) => put({ haircut: v })}>
        <Text>提供理发服务</Text>
      </Check>
    </View>
  )
}
