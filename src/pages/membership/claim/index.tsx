import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import TextField from '@/components/TextField'
import { claimInput } from '@/contracts/membership/roster'
import { useForm, useMutation } from '@/data'
import { confirm } from '@/utils/dialog'
import PhoneBlock from '../apply/PhoneBlock'
import { CARD_PAGE } from '../shared/urls'
import './index.scss'

const orUndefined = (v: string) => (v.trim() === '' ? undefined : v)

/**
 * 会员认证: someone already on their union's 会员名册 takes the e-card with this WeChat account, without applying:
 * name and 身份证号 as on the roster, and the roster's phone verified by WeChat.
 */
export default function ClaimPage() {
  const form = useForm({
    initial: { name: '', idNumber: '', phoneVerificationId: '', phoneMasked: '' },
    schema: claimInput,
    toInput: (v) => ({ name: orUndefined(v.name), idNumber: orUndefined(v.idNumber), phoneVerificationId: orUndefined(v.phoneVerificationId) }),
  })
  const v = form.values
  const claim = useMutation('membership', 'claim', {
    success: '认证成功',
    // A phone that does not match the roster is said under the verified number; 换一个号码 starts a new check.
    onSuccess: () => void setTimeout(() => Taro.redirectTo({ url: CARD_PAGE }), 1000),
  })

  const submit = () =>
    form.submit(async (d) => {
      const ok = await confirm({
        title: '领取电子会员卡？',
        content: `姓名：${d.name}\n领取后这张会员卡只属于当前微信账号。`,
        confirmText: '领取',
        cancelText: '再看看',
      })
      return ok ? claim.run(d) : null
    })

  return (
    <View className='page claim'>
      <View className='card claim__intro'>
        <Text className='claim__title'>已经是工会会员？</Text>
        <Text className='claim__text'>
          如果您所在的工会已把您登记在会员名册中，不用再申请入会：填写姓名和身份证号，再用微信验证名册上的手机号，就能领取电子会员卡。
        </Text>
      </View>
      <View className='card claim__form'>
        <TextField
          label='姓名'
          name='name'
          required
          className='claim__name'
          value={v.name}
          maxlength={30}
          placeholder='与身份证一致'
          error={form.error('name')}
          onInput={(x) => form.set('name', x)}
        />
        <TextField
          label='身份证号'
          name='idNumber'
          required
          className='claim__id-number'
          type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
          value={v.idNumber}
          maxlength={18}
          placeholder='18 位居民身份证号'
          error={form.error('idNumber')}
          onInput={(x) => form.set('idNumber', x)}
        />
        <PhoneBlock
          masked={v.phoneMasked}
          hint='请验证您登记在工会名册上的手机号'
          error={form.error('phone') ?? form.error('phoneVerificationId')}
          onVerified={(p) => form.patch({ phoneVerificationId: p.verificationId, phoneMasked: p.phoneMasked })}
          onClear={() => form.patch({ phoneVerificationId: '', phoneMasked: '' })}
        />
      </View>
      <FormError message={form.formError} />
      <Btn className='claim__submit' loading={claim.busy} onClick={submit}>
        {claim.busy ? '正在核对…' : '领取电子会员卡'}
      </Btn>
      <Text className='footnote'>信息与名册不一致时，会告诉您联系哪个工会核对。还没有入会的，请回到「入会」申请。</Text>
    </View>
  )
}
