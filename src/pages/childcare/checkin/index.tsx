import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import RoleGate from '@/components/RoleGate'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import { checkInInput, type CheckInResult } from '@/contracts/childcare/schemas'
import { check } from '@/utils/form'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** 托管签到: scan the parent's QR in WeChat; in the browser type or paste the 8-character code. */
export default function CheckInPage() {
  return <RoleGate spec={childcareApi.checkIn}>{() => <CheckIn />}</RoleGate>
}

function CheckIn() {
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CheckInResult | null>(null)

  const submit = async (raw: string) => {
    if (busy) return
    setError('')
    const checked = check(checkInInput, { code: raw })
    if (!checked.ok) return setError(checked.errors.code ?? '签到码不正确')
    setBusy(true)
    setResult(null)
    const res = await call('childcare', 'checkIn', checked.data)
    setBusy(false)
    if (res.ok) {
      setResult(res.data)
      setCode('')
    } else setError(res.error.message)
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      void submit(res.result)
    } catch {
      // closing the scanner is not an error
    }
  }

  return (
    <View className='page cc-checkin'>
      <View className='card cc-head'>
        <Text className='cc-title'>托管签到</Text>
        <Text className='muted'>请家长打开「我的预约」，出示签到二维码。</Text>
        {IS_WEAPP ? <Btn onClick={() => void scan()}>{busy ? '正在签到…' : '扫码签到'}</Btn> : null}
        <Input
          className='field__input cc-checkin__code'
          value={code}
          maxlength={12}
          placeholder='或输入二维码下方的 8 位签到码'
          onInput={(e) => {
            setCode(e.detail.value)
            setError('')
          }}
        />
        <FieldError message={error} />
        <Btn className='cc-checkin__submit' disabled={busy} onClick={() => void submit(code)}>
          {busy ? '正在签到…' : '签到'}
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
