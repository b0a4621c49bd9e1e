import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { childcareApi } from '@/contracts/childcare/api'
import { checkInInput, type CheckInResult } from '@/contracts/childcare/schemas'
import { useForm, useMutation } from '@/data'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** 托管签到: scan the parent's QR in WeChat; in the browser type or paste the 8-character code. */
export default function CheckInPage() {
  return <RoleGate spec={childcareApi.checkIn}>{() => <CheckIn />}</RoleGate>
}

function CheckIn() {
  const [result, setResult] = useState<CheckInResult | null>(null)
  const form = useForm({ initial: { code: '' }, schema: checkInInput })
  const checkIn = useMutation('childcare', 'checkIn', {
    onSuccess: (r) => {
      setResult(r)
      form.reset({ code: '' })
    },
  })

  const submit = () => {
    setResult(null)
    return form.submit((data) => checkIn.run(data))
  }

  const scan = async () => {
    let scanned: string
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result
    } catch {
      return // closing the scanner is not an error
    }
    setResult(null)
    form.set('code', scanned)
    // The scanned code goes straight in: the form's state updates only on the next render.
    await checkIn.run({ code: scanned })
  }

  return (
    <View className='page cc-checkin'>
      <View className='card cc-head'>
        <Text className='cc-title'>托管签到</Text>
        <Text className='muted'>请家长打开「我的预约」，出示签到二维码。</Text>
        {IS_WEAPP ? (
          <Btn loading={checkIn.busy} onClick={scan}>
            扫码签到
          </Btn>
        ) : null}
        <TextField
          label='签到码'
          name='code'
          className='cc-checkin__code'
          value={form.values.code}
          maxlength={12}
          placeholder='或输入二维码下方的 8 位签到码'
          onInput={(x) => form.set('code', x)}
          error={form.error('code')}
        />
        <FormError message={form.formError || checkIn.error?.message} />
        <Btn className='cc-checkin__submit' loading={checkIn.busy} onClick={submit}>
          {checkIn.busy ? '正在签到…' : '签到'}
        </Btn>
      </View>
      {result ? (
        <View className={`cc-result cc-result--${result.alreadyCheckedIn ? 'wait' : 'ok'} cc-checkin__result`}>
          {result.childName}（{result.classTitle}）{result.alreadyCheckedIn ? '今天已签到过' : '签到成功'} · {result.day} · 累计 {result.attended} 天
        </View>
      ) : null}
    </View>
  )
}
