import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { ACTIVATION_CODE_LENGTH, staffCodeInput, type Activated } from '@/contracts/account/schemas'
import { ROLE_LABELS } from '@/contracts/roles'
import { call } from '@/api/client'
import { useMe } from '@/hooks/useMe'
import { WORKBENCH_URL } from '@/domains'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import './index.scss'

/**
 * 工作人员激活: one page for both ways of becoming staff. An 8-character 激活码 (printed at deployment) makes
 * the first admin; a 6-character 邀请码 (from 邀请工作人员) grants the role it was made for.
 */
export default function ActivatePage() {
  const { params } = useRouter()
  const { me, reload } = useMe()
  const [code, setCode] = useState(params.code ? decodeURIComponent(params.code) : '')
  // Known at the first render when 我的 has loaded them: set it then, not from an effect a moment later (H5's
  // input throws when its value changes before it has drawn itself: 「reading 'value'」 in the console).
  const [name, setName] = useState(() => profileName(me))
  const [nameTouched, setNameTouched] = useState(false)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [done, setDone] = useState<Activated | null>(null)

  // The name people are known by in 人员与角色: prefilled from their profile, theirs to correct.
  useEffect(() => {
    if (!nameTouched && profileName(me)) setName(profileName(me))
  }, [me])

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      setCode(res.result)
      setErrors((e) => ({ ...e, code: '' }))
    } catch {
      // cancelled: nothing to do
    }
  }

  const submit = async () => {
    setFormError('')
    const checked = check(staffCodeInput, { code, name })
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    const input = checked.data
    const res =
      input.code.length === ACTIVATION_CODE_LENGTH ? await call('account', 'redeemActivation', input) : await call('account', 'acceptInvite', input)
    if (!res.ok) {
      const fields = toFieldMessages(res.error.fields)
      if (Object.keys(fields).length) setErrors(fields)
      else if (res.error.code === 'RATE_LIMITED' || res.error.code === 'INTERNAL') setFormError(res.error.message)
      else setErrors({ code: res.error.message })
      return
    }
    await reload()
    setDone(res.data)
  }

  if (done) {
    return (
      <View className='page activate'>
        <StateView
          kind='info'
          className='activate__done'
          title={`您已成为${ROLE_LABELS[done.role]}`}
          detail={`${done.placeName}。工作台里是您可以办理的事项。`}
          actions={[{ text: '进入工作台', onClick: () => Taro.redirectTo({ url: WORKBENCH_URL }) }]}
        />
      </View>
    )
  }

  return (
    <View className='page activate'>
      <View className='card activate__intro'>
        <Text className='activate__title'>工会工作人员请在此激活</Text>
        <Text className='activate__text'>
          输入邀请人给您的 6 位邀请码，或部署时生成的 8 位激活码（第一位管理员使用）。每个码只能用一次，过期作废。
        </Text>
        <Text className='muted'>普通职工无需激活，可直接使用各项服务。</Text>
      </View>

      <View className='card activate__form'>
        <TextField
          label='激活码或邀请码'
          name='code'
          required
          value={code}
          onInput={(v) => {
            setCode(v.toUpperCase())
            setErrors((e) => ({ ...e, code: '' }))
          }}
          error={errors.code}
          placeholder='如 K7PM2Q 或 ABCD-EFGH'
          maxlength={12}
          className='activate__code'
        />
        {process.env.TARO_ENV === 'weapp' ? (
          <Btn kind='ghost' size='sm' className='activate__scan' onClick={scan}>
            扫描邀请二维码
          </Btn>
        ) : null}
        <TextField
          label='您的姓名'
          name='name'
          required
          value={name}
          onInput={(v) => {
            setNameTouched(true)
            setName(v)
            setErrors((e) => ({ ...e, name: '' }))
          }}
          error={errors.name}
          placeholder='管理员据此认出您'
          maxlength={20}
          hint='将显示在工作台和「人员与角色」中'
        />
      </View>

      {formError ? <Text className='activate__form-error'>{formError}</Text> : null}

      <Btn className='activate__submit' onClick={submit}>
        激活
      </Btn>
    </View>
  )
}

/** The name people are known by, from their profile; '' when none is set yet (WeChat's placeholder 微信用户). */
function profileName(me: { name?: string } | null): string {
  return me?.name && me.name !== '微信用户' ? me.name : ''
}
