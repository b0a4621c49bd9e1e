import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import { verifyCardInput, type CardVerification } from '@/contracts/membership/schemas'
import { check } from '@/utils/form'
import { verifyCard } from '../shared/review'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

function VerifyCardPage() {
  const [payload, setPayload] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CardVerification | null>(null)

  const verify = async (raw: string) => {
    if (busy) return
    setError('')
    if (!raw.trim()) return setError(IS_WEAPP ? '没有识别到二维码，请重新扫码' : '请先粘贴会员卡二维码的内容')
    const checked = check(verifyCardInput, { payload: raw })
    if (!checked.ok) return setError(checked.errors.payload ?? '二维码内容不完整')
    setBusy(true)
    setResult(null)
    const res = await verifyCard(checked.data.payload)
    setBusy(false)
    if (res.ok) setResult(res.data)
    else setError(res.error.fields?.[0]?.message ?? res.error.message)
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      void verify(res.result)
    } catch {
      // Closing the scanner is not an error.
    }
  }

  return (
    <View className='page verify-card'>
      <View className='card verify-card__input'>
        <Text className='verify-card__title'>核验工会会员电子卡</Text>
        <Text className='muted'>请会员打开「入会 → 查看会员卡」，扫描卡上的二维码。</Text>
        {IS_WEAPP ? (
          <Btn className='verify-card__scan' disabled={busy} onClick={scan}>
            {busy ? '正在核验…' : '扫码核验'}
          </Btn>
        ) : (
          <View className='verify-card__paste'>
            <Textarea
              className={`verify-card__payload ${error ? 'verify-card__payload--invalid' : ''}`}
              value={payload}
              maxlength={2000}
              placeholder='浏览器中无法调用摄像头扫码：请粘贴二维码内容'
              onInput={(e) => {
                setPayload(e.detail.value)
                setError('')
              }}
            />
            <FieldError message={error} />
            <Btn className='verify-card__submit' disabled={busy} onClick={() => void verify(payload)}>
              {busy ? '正在核验…' : '核验'}
            </Btn>
          </View>
        )}
        {IS_WEAPP ? <FieldError message={error} /> : null}
      </View>

      {result ? (
        <View className={`card verify-result verify-result--${result.valid ? 'valid' : 'invalid'}`}>
          <View className='verify-result__mark'>{result.valid ? '✓' : '✕'}</View>
          <Text className='verify-result__verdict'>{result.valid ? '有效' : '无效'}</Text>
          {/* The verdict is already shown large; below it only the reason, e.g. 「会员已注销」. */}
          {result.valid ? null : <Text className='verify-result__label'>{result.label.replace(/^无效[：:]\s*/, '')}</Text>}
          {result.nameMasked || result.memberNo || result.orgName ? (
            <View className='verify-result__rows'>
              {result.nameMasked ? (
                <View className='verify-result__row'>
                  <Text className='verify-result__key'>姓名</Text>
                  <Text className='verify-result__value verify-result__name'>{result.nameMasked}</Text>
                </View>
              ) : null}
              {result.memberNo ? (
                <View className='verify-result__row'>
                  <Text className='verify-result__key'>会员编号</Text>
                  <Text className='verify-result__value verify-result__no'>{result.memberNo}</Text>
                </View>
              ) : null}
              {result.orgName ? (
                <View className='verify-result__row'>
                  <Text className='verify-result__key'>所属工会</Text>
                  <Text className='verify-result__value verify-result__org'>{result.orgName}</Text>
                </View>
              ) : null}
            </View>
          ) : null}
          {IS_WEAPP ? (
            <Btn kind='secondary' className='verify-result__again' onClick={scan}>
              继续扫码
            </Btn>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedVerifyCardPage() {
  return <RoleGate spec={membershipApi.verifyCard}>{() => <VerifyCardPage />}</RoleGate>
}
