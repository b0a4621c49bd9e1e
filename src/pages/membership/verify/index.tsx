import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import { verifyCardInput, type CardVerification } from '@/contracts/membership/schemas'
import { check } from '@/utils/form'
import { isCardCode, normalizeCardCode } from '@/contracts/membership/cardcode'
import { useMutation } from '@/data'
import './index.scss'
import RoleGate from '@/components/RoleGate'
import { membershipApi } from '@/contracts/membership/api'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

const VERDICT: Record<CardVerification['status'], { text: string; mark: string; tone: 'valid' | 'invalid' | 'expired' }> = {
  valid: { text: '有效', mark: '✓', tone: 'valid' },
  expired: { text: '已过期', mark: '!', tone: 'expired' },
  invalid: { text: '无效', mark: '✕', tone: 'invalid' },
  revoked: { text: '已注销', mark: '✕', tone: 'invalid' },
  transferred_out: { text: '已转出', mark: '✕', tone: 'invalid' },
}

function VerifyCardPage() {
  const [payload, setPayload] = useState('')
  const [error, setError] = useState('')
  const [result, setResult] = useState<CardVerification | null>(null)
  const verification = useMutation('membership', 'verifyCard', {
    onSuccess: (r) => setResult(r),
    onError: (e) => setError(e.fields?.[0]?.message ?? e.message),
  })
  const busy = verification.busy

  const verify = async (raw: string) => {
    if (busy) return
    setError('')
    if (!raw.trim()) return setError(IS_WEAPP ? '请扫码，或输入会员卡上的 8 位核验码' : '请输入会员卡上的 8 位核验码')
    const checked = check(verifyCardInput, { payload: raw })
    if (!checked.ok) return setError(checked.errors.payload ?? '核验码不正确')
    setResult(null)
    // A typed code goes in its plain form (7K3M9QXA); a scanned or pasted QR payload as it is.
    await verification.run({ payload: isCardCode(checked.data.payload) ? normalizeCardCode(checked.data.payload) : checked.data.payload })
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
        <Text className='muted'>
          {IS_WEAPP
            ? '请会员打开「入会 → 查看会员卡」，扫描卡上的二维码；无法扫码时，输入卡上的核验码。'
            : '请会员打开「入会 → 查看会员卡」，念出或发来二维码下方的 8 位核验码。'}
        </Text>
        {IS_WEAPP ? (
          <Btn className='verify-card__scan' disabled={busy} onClick={scan}>
            {busy ? '正在核验…' : '扫码核验'}
          </Btn>
        ) : null}
        <View className='verify-card__paste'>
          <Input
            className={`verify-card__code ${error ? 'verify-card__code--invalid' : ''}`}
            value={payload}
            maxlength={2000}
            placeholder='8 位核验码，如 7K3M-9QXA'
            confirmType='done'
            onInput={(e) => {
              setPayload(e.detail.value)
              setError('')
            }}
            onConfirm={() => void verify(payload)}
          />
          <Text className='verify-card__hint muted'>不区分大小写；核验码几分钟后失效，请会员出示最新的。</Text>
          <FieldError message={error} />
          <Btn kind={IS_WEAPP ? 'secondary' : 'primary'} className='verify-card__submit' disabled={busy} onClick={() => void verify(payload)}>
            {busy ? '正在核验…' : '核验'}
          </Btn>
        </View>
      </View>

      {result ? (
        <View className={`card verify-result verify-result--${VERDICT[result.status].tone}`}>
          <View className='verify-result__mark'>{VERDICT[result.status].mark}</View>
          <Text className='verify-result__verdict'>{VERDICT[result.status].text}</Text>
          {/* The verdict is already shown large; below it only the reason, e.g. 「请会员出示最新的二维码」. */}
          {result.valid ? null : <Text className='verify-result__label'>{result.label.replace(/^(无效|已过期|已注销)[：:]\s*/, '')}</Text>}
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
          ) : (
            <Btn
              kind='secondary'
              className='verify-result__again'
              onClick={() => {
                setPayload('')
                setResult(null)
              }}
            >
              核验下一位
            </Btn>
          )}
        </View>
      ) : null}
    </View>
  )
}

/** Opened by URL too: the role check comes first, from the same rule the server applies. */
export default function GuardedVerifyCardPage() {
  return <RoleGate spec={membershipApi.verifyCard}>{() => <VerifyCardPage />}</RoleGate>
}
