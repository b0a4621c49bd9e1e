import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { PRIZE_KIND_LABELS, claimInput } from '@/contracts/quiz/schemas'
import { DELIVERY_LABELS, PRIZE_DELIVERY } from '@/contracts/quiz/delivery'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { useLoad } from '../shared/useLoad'
import './index.scss'

/**
 * 领奖: goods need a recipient and address, 话费 a phone number, cash a name and phone (staff transfer it), a
 * voucher returns its code; stored encrypted. Each kind says how it really arrives, then shows 待发放/已发放/已核销.
 */
export default function QuizClaimPage() {
  const drawId = useRouter().params.drawId ?? ''
  const mine = useLoad(() => call('quiz', 'myPrizes', {}), [drawId])
  const [form, setForm] = useState({ name: '', phone: '', address: '' })
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  if (mine.loading && !mine.data) return <StateView kind='loading' title='正在加载…' />
  if (mine.error || !mine.data)
    return <StateView kind='error' title='加载失败' detail={mine.error} actions={[{ text: '重试', onClick: mine.reload }]} />
  const p = mine.data.items.find((x) => x.drawId === drawId)
  if (!p) return <StateView kind='empty' title='没有找到这条中奖记录' />

  if (p.claimStatus === 'claimed')
    return (
      <View className='page'>
        <View className='card quiz-head'>
          <Text className='quiz-title'>{p.prizeName}</Text>
          <Text className='quiz-chip'>{DELIVERY_LABELS[p.deliveryStatus ?? 'pending']}</Text>
          {p.voucherCode ? <Text className='quiz-hash'>券码：{p.voucherCode}</Text> : null}
          {p.phoneMasked ? <Text className='muted'>手机号：{p.phoneMasked}</Text> : null}
          {p.addressMasked ? <Text className='muted'>收货地址：{p.addressMasked}</Text> : null}
          {p.deliveryNote ? <Text className='muted quiz-claim-note'>发放记录：{p.deliveryNote}</Text> : null}
          <Text className='muted'>{PRIZE_DELIVERY[p.kind]}</Text>
        </View>
        <Btn kind='secondary' onClick={() => Taro.redirectTo({ url: '/pages/quiz/prizes/index' })}>
          我的奖品
        </Btn>
      </View>
    )

  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }))
  const submit = async () => {
    const parsed = check(claimInput, { drawId, ...form })
    if (!parsed.ok) return setErrors(parsed.errors)
    setErrors({})
    const ok = await Taro.showModal({ title: '确认领取', content: '提交后不能修改，请核对信息。', confirmText: '提交', cancelText: '再看看' })
    if (!ok.confirm) return
    setSaving(true)
    const r = await call('quiz', 'claim', { drawId, ...form })
    setSaving(false)
    if (r.ok) mine.reload()
    else {
      setErrors(toFieldMessages(r.error.fields))
      setFormError(r.error.message)
    }
  }
  return (
    <View className='page quiz-claim'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>{p.prizeName}</Text>
        <Text className='muted'>
          {PRIZE_KIND_LABELS[p.kind]} · {p.campaignTitle}
        </Text>
      </View>
      <View className='card'>
        <Text className='muted quiz-claim-how'>{PRIZE_DELIVERY[p.kind]}</Text>
        {p.kind === 'goods' || p.kind === 'red_packet' ? (
          <Field label={p.kind === 'goods' ? '收件人' : '收款人姓名'} name='name' required error={errors.name}>
            <Input
              className='field__input'
              value={form.name}
              maxlength={20}
              placeholder={p.kind === 'goods' ? '收件人姓名' : '与收款账户一致的姓名'}
              onInput={(e) => set('name', e.detail.value)}
            />
          </Field>
        ) : null}
        {p.kind !== 'voucher' ? (
          <Field
            label={p.kind === 'goods' ? '手机号' : p.kind === 'red_packet' ? '联系手机号' : '充值手机号'}
            name='phone'
            required
            error={errors.phone}
          >
            <Input
              className='field__input'
              type='number'
              value={form.phone}
              maxlength={11}
              placeholder='11 位手机号'
              onInput={(e) => set('phone', e.detail.value)}
            />
          </Field>
        ) : null}
        {p.kind === 'goods' ? (
          <Field label='收货地址' name='address' required error={errors.address}>
            <Textarea
              className='field__textarea'
              value={form.address}
              maxlength={120}
              placeholder='省市区、街道、门牌号'
              onInput={(e) => set('address', e.detail.value)}
            />
          </Field>
        ) : null}
        <Text className='footnote'>姓名、手机号和地址加密保存，只用于发放奖品，页面上只显示部分内容。</Text>
      </View>
      {formError ? <Text className='quiz-error'>{formError}</Text> : null}
      <Btn className='quiz-claim-submit' disabled={saving} onClick={submit}>
        {saving ? '正在提交…' : '领取'}
      </Btn>
    </View>
  )
}
