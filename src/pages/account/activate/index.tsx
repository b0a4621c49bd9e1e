import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { ACTIVATION_CODE_LENGTH, staffCodeInput, type Activated } from '@/contracts/account/schemas'
import type { ApiResult } from '@/contracts/result'
import { ROLE_LABELS } from '@/contracts/roles'
import { useForm, useMutation } from '@/data'
import { useMe } from '@/hooks/useMe'
import { WORKBENCH_URL } from '@/domains'
import './index.scss'

/** A refusal about the code itself (used, expired, unknown) belongs beside the code; busy or broken does not. */
function onCodeField<T>(res: ApiResult<T> | null): ApiResult<T> | null {
  if (!res || res.ok || res.error.fields?.length || ['RATE_LIMITED', 'INTERNAL'].includes(res.error.code)) return res
  return { ok: false, error: { ...res.error, fields: [{ path: 'code', message: res.error.message }] } }
}

/**
 * 工作人员激活: one page for both ways of becoming staff. An 8-character 激活码 (printed at deployment) makes
 * the first admin; a 6-character 邀请码 (from 邀请工作人员) grants the role it was made for.
 */
export default function ActivatePage() {
  const { params } = useRouter()
  const { me, reload } = useMe()
  const form = useForm({ initial: { code: params.code ? decodeURIComponent(params.code) : '', name: profileName(me) }, schema: staffCodeInput })
  const nameTouched = useRef(false)
  const [done, setDone] = useState<Activated | null>(null)
  const onSuccess = async (res: Activated) => {
    await reload()
    setDone(res)
  }
  const redeem = useMutation('account', 'redeemActivation', { onSuccess })
  const accept = useMutation('account', 'acceptInvite', { onSuccess })

  // The name people are known by in 人员与角色: prefilled from their profile, theirs to correct.
  useEffect(() => {
    if (me && !nameTouched.current && me.name && me.name !== '微信用户') form.set('name', me.name)
  }, [me])

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      form.set('code', res.result)
    } catch {
      // cancelled: nothing to do
    }
  }

  // An 8-character code makes the first admin; a 6-character one is an invitation.
  const submit = () =>
    form.submit(async (input) => onCodeField(input.code.length === ACTIVATION_CODE_LENGTH ? await redeem.run(input) : await accept.run(input)))

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
          输入邀请人给您的 6 位邀请码，或系统开通时生成的 8 位激活码（第一位管理员使用）。每个码只能用一次，过期作废。
        </Text>
        <Text className='muted'>普通职工无需激活，可直接使用各项服务。</Text>
      </View>

      <View className='card activate__form'>
        <TextField
          label='激活码或邀请码'
          name='code'
          required
          value={form.values.code}
          onInput={(v) => form.set('code', v.toUpperCase())}
          error={form.error('code')}
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
          value={form.values.name}
          onInput={(v) => {
            nameTouched.current = true
            form.set('name', v)
          }}
          error={form.error('name')}
          placeholder='管理员据此认出您'
          maxlength={20}
          hint='将显示在工作台和「人员与角色」中'
        />
      </View>

      <FormError message={form.formError} />

      <Btn className='activate__submit' loading={redeem.busy || accept.busy} onClick={submit}>
        激活
      </Btn>
    </View>
  )
}

/** The name people are known by, from their profile; '' when none is set yet (WeChat's placeholder 微信用户). */
function profileName(me: { name?: string } | null): string {
  return me?.name && me.name !== '微信用户' ? me.name : ''
}
