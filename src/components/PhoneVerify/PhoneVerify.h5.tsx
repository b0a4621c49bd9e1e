import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import './index.scss'
import Btn from '@/components/Btn'
import TextField from '@/components/TextField'
import { demoPhoneCode } from '@/api/dev'
import { PHONE_RE } from '@/contracts/membership/idcard'
import type { PhoneVerifyProps } from './props'

/**
 * 本地演示 (H5 build only; the mini program uses PhoneVerify.tsx): there is no WeChat to vouch for a number, so
 * the local gateway plays its part — the person types the number and the gateway issues the one-time code
 * WeChat would have, which then goes through the same server exchange.
 */
export default function PhoneVerify({ onCode, error, label = '新手机号' }: PhoneVerifyProps) {
  const [phone, setPhone] = useState('')
  const [ownError, setOwnError] = useState('')
  // The server's word is about the number it was given: once the person types again it no longer applies.
  const [edited, setEdited] = useState(false)

  const simulate = async () => {
    const value = phone.trim()
    if (!PHONE_RE.test(value)) return setOwnError(value ? '手机号应为 11 位大陆手机号' : `请填写${label}`)
    setOwnError('')
    setEdited(false)
    const res = await demoPhoneCode(value)
    if (!res.ok) return setOwnError(res.error.message)
    await onCode(res.data.code)
  }

  return (
    <View className='phone-verify phone-verify--demo'>
      <View className='phone-verify__demo-head'>
        <Text className='phone-verify__badge'>本地演示</Text>
        <Text className='phone-verify__hint'>小程序中由微信「手机号快速验证」确认号码；本地没有微信，输入号码模拟验证结果。</Text>
      </View>
      <TextField
        label={label}
        name='phone'
        type='number'
        maxlength={11}
        value={phone}
        onInput={(v) => {
          setPhone(v)
          setOwnError('')
          setEdited(true)
        }}
        error={ownError || (edited ? '' : error)}
        placeholder='11 位手机号'
      />
      <Btn className='phone-verify__simulate' onClick={simulate}>
        模拟微信验证
      </Btn>
    </View>
  )
}
