import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import { DELIVERY_LABELS, PRIZE_DELIVERY } from '@/contracts/quiz/delivery'
import { PRIZE_KIND_LABELS, claimInput, type MyPrize } from '@/contracts/quiz/schemas'
import { useForm, useMutation, useQuery } from '@/data'
import VoucherCard from '../components/VoucherCard'
import { confirm } from '@/utils/dialog'
import './index.scss'

/**
 * 领奖: goods need a recipient and address, 话费 a phone number, cash a name and phone (staff transfer it), a
 * voucher returns its code; stored encrypted. Each kind says how it really arrives, then shows 待发放/已发放/已核销.
 */
export default function QuizClaimPage() {
  const drawId = useRouter().params.drawId ?? ''
  const mine = useQuery('quiz', 'myPrizes', {})
  return (
    <PageState query={mine}>
      {(d) => {
        const p = d.items.find((x) => x.drawId === drawId)
        if (!p) return <StateView kind='empty' title='没有找到这条中奖记录' />
        return p.claimStatus === 'claimed' ? <Claimed p={p} /> : <ClaimForm p={p} onDone={() => void mine.reload(true)} />
      }}
    </PageState>
  )
}

function Claimed({ p }: { p: MyPrize }) {
  return (
    <View className='page'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>{p.prizeName}</Text>
        <Text className='quiz-chip'>{DELIVERY_LABELS[p.deliveryStatus ?? 'pending']}</Text>
        {p.voucher ? <VoucherCard v={p.voucher} /> : p.voucherCode ? <Text className='quiz-code'>券码：{p.voucherCode}</Text> : null}
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
}

function ClaimForm({ p, onDone }: { p: MyPrize; onDone: () => void }) {
  const form = useForm({ initial: { name: '', phone: '', address: '' }, schema: claimInput, toInput: (v) => ({ drawId: p.drawId, ...v }) })
  const claim = useMutation('quiz', 'claim', { success: '已提交', onSuccess: onDone })
  const submit = () =>
    form.submit(async (data) => {
      const ok = await confirm({ title: '确认领取', content: '提交后不能修改，请核对信息。', confirmText: '提交', cancelText: '再看看' })
      return ok ? claim.run(data) : null
    })
  const v = form.values
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
          <Field label={p.kind === 'goods' ? '收件人' : '收款人姓名'} name='name' required error={form.error('name')}>
            <Input
              className='field__input'
              value={v.name}
              maxlength={20}
              placeholder={p.kind === 'goods' ? '收件人姓名' : '与收款账户一致的姓名'}
              onInput={(e) => form.set('name', e.detail.value)}
            />
          </Field>
        ) : null}
        {p.kind !== 'voucher' ? (
          <Field
            label={p.kind === 'goods' ? '手机号' : p.kind === 'red_packet' ? '联系手机号' : '充值手机号'}
            name='phone'
            required
            error={form.error('phone')}
          >
            <Input
              className='field__input'
              type='number'
              value={v.phone}
              maxlength={11}
              placeholder='11 位手机号'
              onInput={(e) => form.set('phone', e.detail.value)}
            />
          </Field>
        ) : null}
        {p.kind === 'goods' ? (
          <Field label='收货地址' name='address' required error={form.error('address')}>
            <Textarea
              className='field__textarea'
              value={v.address}
              maxlength={120}
              placeholder='省市区、街道、门牌号'
              onInput={(e) => form.set('address', e.detail.value)}
            />
          </Field>
        ) : null}
        <Text className='footnote'>姓名、手机号和地址加密保存，只用于发放奖品，页面上只显示部分内容。</Text>
      </View>
      <FormError message={form.formError} />
      <Btn className='quiz-claim-submit' loading={claim.busy} onClick={submit}>
        领取
      </Btn>
    </View>
  )
}
