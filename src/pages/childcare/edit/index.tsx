import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import { upsertClassInput } from '@/contracts/childcare/schemas'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { goBackOr } from '@/utils/nav'
import { CC } from '../shared'
import './index.scss'
import { beijingDateTime, fromBeijingDateTime } from '@/contracts/time'

type Form = Record<
  | 'title'
  | 'site'
  | 'address'
  | 'startDate'
  | 'endDate'
  | 'dailyHours'
  | 'gradeMin'
  | 'gradeMax'
  | 'capacity'
  | 'opensAt'
  | 'closesAt'
  | 'cancelBefore'
  | 'fee'
  | 'description',
  string
> & {
  audience: 'all' | 'members'
  allocation: 'fcfs' | 'lottery'
}
const EMPTY: Form = {
  title: '',
  site: '',
  address: '',
  startDate: '',
  endDate: '',
  dailyHours: '08:30-17:30',
  gradeMin: '1',
  gradeMax: '6',
  capacity: '30',
  opensAt: '',
  closesAt: '',
  cancelBefore: '',
  fee: '0',
  description: '',
  audience: 'all',
  allocation: 'fcfs',
}

export default function EditClassPage() {
  return <RoleGate spec={childcareApi.upsertClass}>{() => <Edit />}</RoleGate>
}

function Edit() {
  const { params } = useRouter()
  const id = params.id
  const [form, setForm] = useState<Form | null>(id ? null : EMPTY)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const busy = useRef(false)

  useEffect(() => {
    if (!id) return
    void call('childcare', 'getClass', { id }).then((res) => {
      if (!res.ok) return setFormError(res.error.message)
      const c = res.data
      setForm({
        title: c.title,
        site: c.site,
        address: c.address,
        startDate: c.startDate,
        endDate: c.endDate,
        dailyHours: c.dailyHours,
        gradeMin: String(c.gradeMin),
        gradeMax: String(c.gradeMax),
        capacity: String(c.capacity),
        opensAt: beijingDateTime(c.opensAt),
        closesAt: beijingDateTime(c.closesAt),
        cancelBefore: beijingDateTime(c.cancelBefore),
        fee: String(c.fee),
        description: c.description,
        audience: c.audience,
        allocation: c.allocation,
      })
    })
  }, [])

  if (!form) {
    return (
      <View className='page'>
        {formError ? (
          <StateView kind='error' title='加载失败' detail={formError} actions={[{ text: '返回', onClick: () => goBackOr(CC.manage) }]} />
        ) : (
          <StateView kind='loading' title='正在加载…' />
        )}
      </View>
    )
  }
  const set = (k: keyof Form, v: string) => {
    setForm({ ...form, [k]: v } as Form)
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const text = (k: keyof Form, label: string, hint?: string, required = true) => (
    <Field label={label} name={k} required={required} error={errors[k]} hint={hint}>
      <Input className={`field__input cc-edit__${k}`} value={form[k]} onInput={(e) => set(k, e.detail.value)} />
    </Field>
  )

  const save = async () => {
    if (busy.current) return
    const checked = check(upsertClassInput, {
      ...form,
      id,
      opensAt: fromBeijingDateTime(form.opensAt),
      closesAt: fromBeijingDateTime(form.closesAt),
      cancelBefore: fromBeijingDateTime(form.cancelBefore),
    })
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError('请修改标红的项目')
      return
    }
    busy.current = true
    const res = await call('childcare', 'upsertClass', checked.data)
    busy.current = false
    if (!res.ok) {
      setErrors(toFieldMessages(res.error.fields))
      setFormError(res.error.message)
      return
    }
    Taro.showToast({ title: '已保存', icon: 'success', duration: 800 })
    setTimeout(() => goBackOr(CC.manage), 800)
  }

  return (
    <View className='page cc-edit'>
      <View className='card'>
        {text('title', '班级名称')}
        {text('site', '托管点')}
        {text('address', '地址')}
        {text('startDate', '开班日期', 'YYYY-MM-DD')}
        {text('endDate', '结束日期', 'YYYY-MM-DD')}
        {text('dailyHours', '每日时段')}
        {text('gradeMin', '最低年级', '1–9：一年级至初三')}
        {text('gradeMax', '最高年级')}
        {text('capacity', '名额')}
        {text('opensAt', '开放报名时间', '北京时间，如 2027-06-10 09:00')}
        {text('closesAt', '报名截止时间', '北京时间')}
        {text('cancelBefore', '取消截止时间', '北京时间，不晚于开班当天')}
        {text('fee', '费用（元）', '免费填 0', false)}
        <Field label='报名对象' name='audience' required>
          <Choice
            options={
              [
                { key: 'all', label: '全体职工' },
                { key: 'members', label: '仅工会会员' },
              ] as const
            }
            value={form.audience}
            onChange={(v) => set('audience', v)}
          />
        </Field>
        <Field label='分配方式' name='allocation' required hint='抽签：开放期内申请，截止后公开抽签'>
          <Choice
            options={
              [
                { key: 'fcfs', label: '先到先得' },
                { key: 'lottery', label: '公开抽签' },
              ] as const
            }
            value={form.allocation}
            onChange={(v) => set('allocation', v)}
          />
        </Field>
        <Field label='课程内容' name='description' error={errors.description}>
          <Textarea className='field__textarea' value={form.description} maxlength={1000} onInput={(e) => set('description', e.detail.value)} />
        </Field>
      </View>
      {formError ? <Text className='cc-form-error'>{formError}</Text> : null}
      <Btn className='cc-edit__save' onClick={() => void save()}>
        保存
      </Btn>
    </View>
  )
}
