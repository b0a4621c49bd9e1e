import { Input, Text, View } from '@tarojs/components'
import Taro, { useLoad, useReady } from '@tarojs/taro'
import { useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import TextField from '@/components/TextField'
import EnumPicker from '@/components/EnumPicker'
import PickerBox from '@/components/PickerBox'
import StateView from '@/components/StateView'
import { maskIdNumber } from '@/contracts/membership/idcard'
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  HUKOU_TYPES,
  NEW_EMPLOYMENT_TYPES,
  POLITICAL_STATUSES,
  PRIVACY_NOTICE,
} from '@/contracts/membership/options'
import type { MembershipOptions, MyApplication } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { ensureSignedIn } from '@/api/session'
import { toFieldMessages, type FieldMessages } from '@/utils/form'
import { scrollToFirstError } from '@/utils/nav'
import { getMyStatus, getOptions, MEMBERSHIP_HOME, submitApplication } from '../shared/api'
import { askForNotices } from '@/api/subscribe'
import { EMPTY_FORM, formFromApplication, genderFromId, validateForm, type ApplyForm } from './form'
import PrivacyBlock from './PrivacyBlock'
import './index.scss'
import { alert, confirm } from '@/utils/dialog'

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  /** pending or approved: there is nothing to fill in, only a status to look at */
  | { kind: 'blocked'; app: MyApplication }
  | { kind: 'ready'; options: MembershipOptions; fixing: MyApplication | null }

const GENDER_OPTIONS = GENDERS.map((g) => ({ key: g, label: g }))
const NEW_EMPLOYMENT_LABELS = NEW_EMPLOYMENT_TYPES.map((n) => n.label)

/** Back to the status page: pop to it when it is underneath (it reloads on show), or open it fresh. */
function goToStatus() {
  const pages = Taro.getCurrentPages()
  const prev = pages[pages.length - 2]
  if (prev?.route?.includes('membership/index/index')) Taro.navigateBack()
  else Taro.redirectTo({ url: MEMBERSHIP_HOME })
}

export default function ApplyPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [form, setForm] = useState<ApplyForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [sending, setSending] = useState(false)
  // State updates land after the next render; a ref stops a quick second tap before that happens.
  const busy = useRef(false)

  const fetchAll = async () => {
    setLoad({ kind: 'loading' })
    const [opts, mine] = await Promise.all([getOptions(), getMyStatus()])
    if (!opts.ok) return setLoad({ kind: 'error', error: opts.error })
    if (!mine.ok) return setLoad({ kind: 'error', error: mine.error })
    const app = mine.data.application
    if (app && (app.status === 'pending' || app.status === 'approved')) return setLoad({ kind: 'blocked', app })
    const fixing = app?.status === 'rejected' ? app : null
    if (fixing) setForm(formFromApplication(fixing))
    setLoad({ kind: 'ready', options: opts.data, fixing })
  }

  useLoad(() => {
    if (!ensureSignedIn()) return
    void fetchAll()
  })

  useReady(() => {
    // After the page config's title is applied; H5 would put the config title back otherwise.
    Taro.setNavigationBarTitle({ title: '申请入会' })
  })

  const set = <K extends keyof ApplyForm>(key: K, value: ApplyForm[K]) => {
    setForm((f) => {
      const next = { ...f, [key]: value }
      if (key === 'idNumber' && !f.gender) next.gender = genderFromId(String(value)) ?? ''
      return next
    })
    if (errors[key] || (key === 'idNumber' && errors.gender)) setErrors((e) => ({ ...e, [key]: '', gender: key === 'idNumber' ? '' : e.gender }))
  }

  const submit = async () => {
    if (busy.current) return
    setFormError('')
    const checked = validateForm(form)
    if (!checked.ok) {
      setErrors(checked.errors)
      setFormError(`还有 ${Object.keys(checked.errors).length} 项需要修改，请看标红的项目`)
      scrollToFirstError()
      return
    }
    setErrors({})
    busy.current = true
    const d = checked.data
    const ok = await confirm({
      title: load.kind === 'ready' && load.fixing ? '确认重新提交？' : '确认提交入会申请？',
      content: `姓名：${d.name}\n身份证号：${maskIdNumber(d.idNumber)}\n工作单位：${d.employer}\n提交后由工会审核，审核结果会通知您。`,
      confirmText: '提交',
      danger: true,
      cancelText: '再看看',
    })
    if (!ok) {
      busy.current = false
      return
    }
    // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
    // before the review result, which arrives as the membership_review notice.
    await askForNotices(['membership_review'])
    setSending(true)
    const res = await submitApplication(d)
    setSending(false)
    if (res.ok) {
      Taro.showToast({ title: '申请已提交', icon: 'success', duration: 1000 })
      // busy stays set: the form is done, the page is about to close.
      setTimeout(goToStatus, 1000)
      return
    }
    busy.current = false
    setErrors(toFieldMessages(res.error.fields))
    setFormError(res.error.message)
    if (res.error.fields?.length) scrollToFirstError()
    if (res.error.code === 'CONFLICT') {
      // 「查看进度」 only when there is a progress to look at: an ID number already used by someone else's
      // application is a conflict too, for a caller who has none of their own.
      const mine = await getMyStatus()
      const hasOwn = mine.ok && !!mine.data.application
      if (!hasOwn) {
        await alert('无法提交', res.error.message)
        return
      }
      const view = await confirm({ title: '无法提交', content: res.error.message, confirmText: '查看进度', cancelText: '知道了' })
      if (view) goToStatus()
    }
  }

  if (load.kind === 'loading') {
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  }
  if (load.kind === 'error') {
    return (
      <View className='page'>
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchAll() }]} />
      </View>
    )
  }
  if (load.kind === 'blocked') {
    return (
      <View className='page'>
        <StateView
          kind='info'
          title={load.app.status === 'approved' ? '您已经是工会会员' : '您的申请正在审核中'}
          detail={`受理工会：${load.app.org.name}`}
          actions={[{ text: '查看申请进度', onClick: goToStatus }]}
        />
      </View>
    )
  }

  const { options, fixing } = load
  const regionIndex = options.regions.findIndex((r) => r.id === form.region)
  const employerText = form.employer.trim()
  const suggestions = options.employers.filter((e) => e !== employerText && (!employerText || e.includes(employerText))).slice(0, 6)

  return (
    <View className='page apply'>
      {fixing ? (
        <View className='apply__fixing'>
          <Text className='apply__fixing-title'>上次申请被驳回，请修改后重新提交</Text>
          {fixing.rejectReason ? <Text className='apply__fixing-reason'>驳回原因：{fixing.rejectReason}</Text> : null}
          <Text className='apply__fixing-note'>为保护您的信息，身份证号和手机号需要重新填写。</Text>
        </View>
      ) : null}

      <View className='card apply__section apply__section--basic'>
        <Text className='apply__section-title'>基本信息</Text>
        <TextField
          label='姓名'
          name='name'
          required
          error={errors.name}
          className='apply__name'
          value={form.name}
          maxlength={30}
          placeholder='与身份证一致'
          onInput={(v) => set('name', v)}
        />
        <Field label='身份证号' name='idNumber' required error={errors.idNumber}>
          <Input
            className='field__input apply__id-number'
            // weapp's idcard keyboard has the X key; the browser has no such type.
            type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
            value={form.idNumber}
            maxlength={18}
            placeholder='18 位居民身份证号'
            onInput={(e) => set('idNumber', e.detail.value)}
          />
        </Field>
        <Field label='性别' name='gender' required error={errors.gender}>
          <Choice options={GENDER_OPTIONS} value={form.gender} onChange={(g) => set('gender', g)} className='apply__gender' />
        </Field>
        <Field label='民族' name='ethnicity' required error={errors.ethnicity}>
          <EnumPicker className='apply__ethnicity' options={ETHNICITIES} value={form.ethnicity} onChange={(v) => set('ethnicity', v)} />
        </Field>
        <TextField
          label='手机号'
          name='phone'
          required
          error={errors.phone}
          hint='审核结果会通过微信通知，工会也可能电话联系您'
          className='apply__phone'
          type='number'
          value={form.phone}
          maxlength={11}
          placeholder='11 位手机号'
          onInput={(v) => set('phone', v)}
        />
        <Field label='学历' name='education' required error={errors.education}>
          <EnumPicker className='apply__education' options={EDUCATIONS} value={form.education} onChange={(v) => set('education', v)} />
        </Field>
        <Field label='政治面貌' name='politicalStatus' required error={errors.politicalStatus}>
          <EnumPicker
            className='apply__political'
            options={POLITICAL_STATUSES}
            value={form.politicalStatus}
            onChange={(v) => set('politicalStatus', v)}
          />
        </Field>
      </View>

      <View className='card apply__section apply__section--work'>
        <Text className='apply__section-title'>工作信息</Text>
        <Field
          label='工作单位'
          name='employer'
          required
          error={errors.employer}
          hint={
            suggestions.length ? (
              <View className='apply__employers'>
                <Text>已建工会的单位：</Text>
                {suggestions.map((e) => (
                  <Text key={e} className='apply__employer-chip' onClick={() => set('employer', e)}>
                    {e}
                  </Text>
                ))}
              </View>
            ) : (
              '填写单位全称；快递、外卖等平台从业者可填所在站点或平台名称'
            )
          }
        >
          <Input
            className='field__input apply__employer'
            value={form.employer}
            maxlength={60}
            placeholder='单位全称'
            onInput={(e) => set('employer', e.detail.value)}
          />
        </Field>
        <TextField
          label='职业/工种'
          name='occupation'
          required
          error={errors.occupation}
          className='apply__occupation'
          value={form.occupation}
          maxlength={30}
          placeholder='如：快递员、车工、会计'
          onInput={(v) => set('occupation', v)}
        />
        <Field label='所在地区' name='region' required error={errors.region} hint='工作所在的镇（街道），用于确定由哪个工会受理'>
          <PickerBox
            className='apply__region'
            range={options.regions.map((r) => r.name)}
            value={regionIndex}
            onChange={(i) => set('region', options.regions[i]?.id ?? '')}
          />
        </Field>
      </View>

      <View className='card apply__section apply__section--hukou'>
        <Text className='apply__section-title'>户籍与就业</Text>
        <Field label='户籍类型' name='hukouType' required error={errors.hukouType}>
          <Choice options={HUKOU_TYPES} value={form.hukouType} onChange={(k) => set('hukouType', k)} className='apply__hukou' />
        </Field>
        <Field
          label='是否新就业形态劳动者'
          name='newEmploymentType'
          required
          error={errors.newEmploymentType}
          hint='快递员、外卖骑手、网约车司机、货车司机等通过平台接单的劳动者，请选择对应类型'
        >
          <PickerBox
            className='apply__new-employment'
            range={NEW_EMPLOYMENT_LABELS}
            value={NEW_EMPLOYMENT_TYPES.findIndex((n) => n.key === form.newEmploymentType)}
            onChange={(i) => set('newEmploymentType', NEW_EMPLOYMENT_TYPES[i].key)}
          />
        </Field>
      </View>

      <PrivacyBlock
        notice={options.privacyNotice || PRIVACY_NOTICE}
        consent={form.consent}
        error={errors.consent}
        onChange={(v) => set('consent', v)}
      />

      {formError ? <Text className='apply__form-error'>{formError}</Text> : null}

      <Btn className='apply__submit' disabled={sending} onClick={submit}>
        {sending ? '正在提交…' : fixing ? '重新提交申请' : '提交申请'}
      </Btn>
    </View>
  )
}
