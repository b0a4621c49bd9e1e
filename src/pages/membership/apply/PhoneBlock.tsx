import { Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import PhoneVerify from '@/components/PhoneVerify/PhoneVerify'
import { useMutation } from '@/data'
import './PhoneBlock.scss'

interface Props {
  /** the verified number, masked; '' until verified */
  masked: string
  error?: string
  /** what the number is for (default: the 入会 wording) */
  hint?: string
  onVerified: (v: { verificationId: string; phoneMasked: string }) => void
  onClear: () => void
}

/**
 * 手机号 by WeChat's 手机号快速验证 (the 本地演示 stand-in in H5): the server learns the number from WeChat's code,
 * the form keeps only which verification it was and shows the number masked.
 */
export default function PhoneBlock({ masked, error, hint = '审核结果会通过微信通知，工会也可能电话联系您', onVerified, onClear }: Props) {
  const verify = useMutation('membership', 'verifyPhone', { onSuccess: (d) => onVerified(d) })
  const own = verify.fields.phone ?? verify.fields.code ?? verify.error?.message
  if (!masked) {
    // The check draws its own field (本地演示: a number box; weapp: WeChat's button) with the error under it.
    return (
      <View className='apply__phone'>
        <PhoneVerify
          label='手机号'
          buttonText='微信快捷填写手机号'
          error={own || error}
          onCode={async (code) => {
            await verify.run({ code })
          }}
        />
      </View>
    )
  }
  return (
    <Field label='手机号' name='phone' required error={error} hint={hint}>
      <View className='apply__phone-done'>
        <Text className='apply__phone-masked'>{masked}</Text>
        <Text className='apply__phone-badge'>已通过微信验证</Text>
        <Btn kind='ghost' size='sm' className='apply__phone-change' onClick={onClear}>
          换一个号码
        </Btn>
      </View>
    </Field>
  )
}
