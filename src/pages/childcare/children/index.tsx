import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import PickerBox from '@/components/PickerBox'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { ensureSignedIn } from '@/api/session'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import { saveChildInput, type ChildView } from '@/contracts/childcare/schemas'
import { GENDERS } from '@/contracts/membership/options'
import type { ApiError } from '@/contracts/result'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import type { ConsentState } from '@/contracts/childcare/privacy'
import { CHILD_RULES_VERSION } from '@/contracts/childcare/privacy'
import ConsentStep from './ConsentStep'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; items: ChildView[] }
interface Form {
  id?: string
  name: string
  gender: '男' | '女' | ''
  idNumber: string
  grade: number
  school: string
  health: string
  pickupPeople: string
}
const EMPTY: Form = { name: '', gender: '', idNumber: '', grade: 0, school: '', health: '', pickupPeople: '' }
const GRADES = GRADE_LABELS.slice(1)
const GENDER_OPTIONS = GENDERS.map((g) => ({ key: g, label: g }))

/** 孩子信息: kept once, chosen when booking. 身份证号 is checked here as on the server, and shown masked. */
export default function ChildrenPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [form, setForm] = useState<Form | null>(null)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [consent, setConsent] = useState<ConsentState | null>(null)
  const [asking, setAsking] = useState(false)
  const [consentBusy, setConsentBusy] = useState(false)
  const [consentError, setConsentError] = useState('')
  const busy = useRef(false)
  /** the form asked for while the consent step shows */
  const pending = useRef<Form>(EMPTY)

  const fetchList = async () => {
    const [res, c] = await Promise.all([call('childcare', 'myChildren'), call('childcare', 'consent')])
    if (c.ok) setConsent(c.data)
    setLoad(res.ok ? { kind: 'ready', items: res.data.items } : { kind: 'error', error: res.error })
  }

  const openForm = (f: Form) => {
    setErrors({})
    setFormError('')
    // Nothing of a child is entered before the guardian has agreed to the current rules.
    if (!consent?.given) {
      pending.current = f
      setConsentError('')
      setAsking(true)
      return
    }
    setForm(f)
  }

  const agree = async () => {
    setConsentBusy(true)
    const res = await call('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
    setConsentBusy(false)
    if (!res.ok) return setConsentError(res.error.message)
    setConsent(res.data)
    setAsking(false)
    setForm((f) => f ?? pending.current)
  }
  useDidShow(() => {
    if (!ensureSignedIn()) return
    void fetchList()
  })

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => (f ? { ...f, [k]: v } : f))
    setErrors((e) => ({ ...e, [k]: '' }))
  }

  const save = async () => {
    if (!form || busy.current) return
    setFormError('')
    const checked = check(saveChildInput, { ...form, grade: form.grade || undefined, gender: form.gender || undefined })
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError('请修改标红的项目')
      return
    }
    busy.current = true
    const res = await call('childcare', 'saveChild', checked.data)
    busy.current = false
    if (!res.ok) {
      if (res.error.fields?.some((f) => f.path === 'consent')) {
        // the rules changed since the page loaded: ask again, keep what was typed
        setConsent({ version: CHILD_RULES_VERSION, given: false })
        setAsking(true)
        return
      }
      setErrors(toFieldMessages(res.error.fields))
      setFormError(res.error.message)
      return
    }
    Taro.showToast({ title: '已保存', icon: 'success', duration: 800 })
    setForm(null)
    void fetchList()
  }

  const remove = async (c: ChildView) => {
    const { confirm } = await Taro.showModal({
      title: '删除孩子信息？',
      content: `${c.name}（${c.idNumberMasked}）`,
      confirmText: '删除',
      confirmColor: '#C8102E',
      cancelText: '取消',
    })
    if (!confirm) return
    const res = await call('childcare', 'deleteChild', { id: c.id })
    if (!res.ok) return void Taro.showModal({ title: '不能删除', content: res.error.message, showCancel: false, confirmText: '知道了' })
    void fetchList()
  }

  if (asking) {
    return <ConsentStep busy={consentBusy} error={consentError} onAgree={() => void agree()} onCancel={() => setAsking(false)} />
  }

  if (form) {
    return (
      <View className='page cc-child-form'>
        <View className='card'>
          <Field label='孩子姓名' name='name' required error={errors.name}>
            <Input className='field__input cc-child-form__name' value={form.name} maxlength={30} onInput={(e) => set('name', e.detail.value)} />
          </Field>
          <Field
            label='身份证号'
            name='idNumber'
            required
            error={errors.idNumber}
            hint={form.id ? '修改时需重新填写完整号码' : '加密保存，列表中只显示部分号码'}
          >
            <Input
              className='field__input cc-child-form__id'
              value={form.idNumber}
              maxlength={18}
              type='idcard'
              onInput={(e) => set('idNumber', e.detail.value)}
            />
          </Field>
          <Field label='性别' name='gender' required error={errors.gender}>
            <Choice className='cc-child-form__gender' options={GENDER_OPTIONS} value={form.gender} onChange={(g) => set('gender', g)} />
          </Field>
          <Field label='现在的年级' name='grade' required error={errors.grade} hint='暑假里填刚读完的年级；每年 9 月 1 日自动升一级'>
            <PickerBox className='cc-child-form__grade' range={GRADES} value={form.grade - 1} onChange={(i) => set('grade', i + 1)} />
          </Field>
          <Field label='就读学校' name='school' error={errors.school}>
            <Input className='field__input' value={form.school} maxlength={40} onInput={(e) => set('school', e.detail.value)} />
          </Field>
          <Field label='健康情况' name='health' error={errors.health} hint='过敏、慢性病等需要老师知道的情况'>
            <Textarea className='field__textarea' value={form.health} maxlength={200} onInput={(e) => set('health', e.detail.value)} />
          </Field>
          <Field label='接送人' name='pickupPeople' error={errors.pickupPeople} hint='姓名和关系，如：李秀梅（母亲）'>
            <Input className='field__input' value={form.pickupPeople} maxlength={100} onInput={(e) => set('pickupPeople', e.detail.value)} />
          </Field>
        </View>
        {formError ? <Text className='cc-form-error'>{formError}</Text> : null}
        <View className='row-actions'>
          <Btn kind='secondary' onClick={() => setForm(null)}>
            取消
          </Btn>
          <Btn className='cc-child-form__save' onClick={() => void save()}>
            保存
          </Btn>
        </View>
      </View>
    )
  }

  return (
    <View className='page cc-children'>
      {load.kind === 'loading' ? <StateView kind='loading' title='正在加载…' /> : null}
      {load.kind === 'error' ? (
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchList() }]} />
      ) : null}
      {load.kind === 'ready' && !load.items.length ? (
        <StateView kind='empty' title='还没有孩子信息' detail='添加后即可在托管班页面为孩子报名。' />
      ) : null}
      {load.kind === 'ready'
        ? load.items.map((c) => (
            <View key={c.id} className='card cc-child'>
              <Text className='cc-row__name'>{c.name}</Text>
              <Text className='cc-line'>
                {c.gender} · {GRADE_LABELS[c.grade]} · 身份证 {c.idNumberMasked}
              </Text>
              {c.school ? <Text className='cc-line'>{c.school}</Text> : null}
              <View className='row-actions'>
                <Btn
                  size='sm'
                  kind='secondary'
                  onClick={() =>
                    openForm({
                      id: c.id,
                      name: c.name,
                      gender: c.gender as Form['gender'],
                      idNumber: '',
                      grade: c.grade,
                      school: c.school,
                      health: c.health,
                      pickupPeople: c.pickupPeople,
                    })
                  }
                >
                  修改
                </Btn>
                <Btn size='sm' kind='ghost' onClick={() => void remove(c)}>
                  删除
                </Btn>
              </View>
            </View>
          ))
        : null}
      {consent?.given && consent.givenAt ? (
        <Text className='cc-line cc-children__consent'>您已于 {consent.givenAt.slice(0, 10)} 以监护人身份同意《儿童个人信息处理规则》</Text>
      ) : null}
      <Btn className='cc-children__add' onClick={() => openForm(EMPTY)}>
        添加孩子
      </Btn>
    </View>
  )
}
