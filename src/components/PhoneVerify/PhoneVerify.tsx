import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import './index.scss'
import FieldError from '@/components/FieldError'
import type { PhoneVerifyProps } from './props'

/**
 * The mini program's way: WeChat's 手机号快速验证 button. WeChat shows the person their bound numbers (or lets
 * them add one) and hands back a one-time code; only the server learns the number, from WeChat.
 */
export default function PhoneVerify({ onCode, error, buttonText = '微信验证新手机号' }: PhoneVerifyProps) {
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState('')
  return (
    <View className='phone-verify'>
      <Button
        className='btn btn--primary btn--md phone-verify__wechat'
        openType='getPhoneNumber'
        disabled={busy}
        loading={busy}
        onGetPhoneNumber={(e) => {
          const code = (e.detail as { code?: string }).code
          // No code: the person closed WeChat's sheet, or the app has no quota left for the check.
          if (!code) return setRefused(/deny|cancel/i.test(e.detail.errMsg ?? '') ? '' : '微信暂时无法验证手机号，请稍后再试')
          setRefused('')
          setBusy(true)
          void onCode(code).finally(() => setBusy(false))
        }}
      >
        {buttonText}
      </Button>
      <Text className='phone-verify__hint'>使用微信绑定的手机号，也可以在微信弹出的窗口中添加新号码。</Text>
      <FieldError message={error || refused} />
    </View>
  )
}
