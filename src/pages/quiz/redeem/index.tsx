import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import PickerBox from '@/components/PickerBox'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { quizApi } from '@/contracts/quiz/api'
import { formatVoucherCode, normalizeVoucherCode, redeemVoucherInput, type RedeemResult } from '@/contracts/quiz/vouchers'
import type { Me } from '@/contracts/roles'
import type { StationSummary } from '@/contracts/stations/schemas'
import { beijingMonthDayTime } from '@/contracts/time'
import { useForm, useMutation, useQuery } from '@/data'
import { confirm } from '@/utils/dialog'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** 驿站券核销: the keeper scans the winner's QR in WeChat (in the browser types or pastes the code) and confirms. */
export default function QuizRedeemPage() {
  return <RoleGate spec={quizApi.redeemVoucher}>{(me) => <Redeem me={me} />}</RoleGate>
}

function Redeem({ me }: { me: Me }) {
  const kept = me.grants.filter((g) => g.role === 'keeper').map((g) => g.scope)
  const stations = useQuery('stations', 'listManaged', { pageSize: 50 })
  return (
    <PageState
      query={stations}
      isEmpty={(d) => !d.items.some((s) => kept.includes(s.id))}
      empty={{ title: '没有可核销的驿站', detail: '您管理的驿站已撤销。如有疑问，请联系所在工会。' }}
    >
      {(d) => <RedeemForm stations={d.items.filter((s) => kept.includes(s.id))} />}
    </PageState>
  )
}

function RedeemForm({ stations }: { stations: StationSummary[] }) {
  const [stationId, setStationId] = useState(stations[0].id)
  const [done, setDone] = useState<RedeemResult | null>(null)
  const form = useForm({ initial: { code: '' }, schema: redeemVoucherInput, toInput: (v) => ({ ...v, stationId }) })
  const redeem = useMutation('quiz', 'redeemVoucher', {
    success: '已核销',
    onSuccess: (r) => {
      setDone(r)
      form.reset({ code: '' })
    },
  })
  const station = stations.find((s) => s.id === stationId) ?? stations[0]

  /** Asks before the one step that cannot be undone; then uses the code. */
  const confirmAndRedeem = async (raw: string) => {
    const code = normalizeVoucherCode(raw)
    const ok = await confirm({
      title: '确认核销',
      content: `在「${station.name}」核销券码 ${code ? formatVoucherCode(code) : raw}？核销后不能撤回。`,
      confirmText: '核销',
    })
    return ok ? redeem.run({ code: raw, stationId }) : null
  }

  const submit = () => {
    setDone(null)
    // The form checks the code's shape; the server's answer shows once, in the card below (or beside the field).
    return form.submit(async (data) => {
      await confirmAndRedeem(data.code)
      return null
    })
  }

  const scan = async () => {
    let scanned: string
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch {
      return // closing the scanner is not an error
    }
    setDone(null)
    redeem.reset()
    form.set('code', scanned)
    // the scanned text goes straight in: the form's state updates only on the next render
    // not one of our vouchers (another QR): the refusal names the field, no confirmation to ask
    if (!normalizeVoucherCode(scanned)) await redeem.run({ code: scanned, stationId })
    else await confirmAndRedeem(scanned)
  }

  const refused = redeem.error && redeem.error.code !== 'VALIDATION_FAILED' ? redeem.error.message : ''
  return (
    <View className='page quiz-redeem'>
      <View className='card quiz-head'>
        <Text className='quiz-title'>驿站券核销</Text>
        <Text className='muted'>请中奖职工打开「我的 → 我的奖品」，出示券的二维码。每张券只能用一次。</Text>
        {stations.length > 1 ? (
          <Field label='核销驿站' name='station'>
            <PickerBox
              className='quiz-redeem__station'
              range={stations.map((s) => s.name)}
              value={stations.findIndex((s) => s.id === stationId)}
              onChange={(i) => {
                setStationId(stations[i].id)
                setDone(null)
                redeem.reset()
              }}
            />
          </Field>
        ) : (
          <Text className='quiz-meta'>核销驿站：{station.name}</Text>
        )}
        {IS_WEAPP ? (
          <Btn className='quiz-redeem-scan' loading={redeem.busy} onClick={scan}>
            扫码核销
          </Btn>
        ) : null}
        <TextField
          label='券码'
          name='code'
          className='quiz-redeem__code'
          value={form.values.code}
          maxlength={20}
          placeholder={IS_WEAPP ? '扫不出时，输入二维码下方的 12 位券码' : '输入或粘贴二维码下方的 12 位券码'}
          onInput={(x) => form.set('code', x)}
          error={form.error('code') ?? redeem.fields.code}
        />
        <FormError message={form.formError} />
        <Btn className='quiz-redeem-submit' kind={IS_WEAPP ? 'secondary' : 'primary'} loading={redeem.busy} onClick={submit}>
          {redeem.busy ? '正在核销…' : '核销'}
        </Btn>
      </View>
      {done ? (
        <View className='card quiz-redeem-verdict quiz-redeem-verdict--ok'>
          <Text className='quiz-title'>核销成功</Text>
          <Text>{done.prizeName}</Text>
          <Text className='muted'>
            {done.campaignTitle} · 中奖人 {done.nameMasked}
          </Text>
          <Text className='muted'>
            {done.stationName} · {beijingMonthDayTime(done.redeemedAt)}
          </Text>
        </View>
      ) : null}
      {refused ? (
        <View className='card quiz-redeem-verdict quiz-redeem-verdict--bad'>
          <Text className='quiz-title'>不能核销</Text>
          <Text>{refused}</Text>
        </View>
      ) : null}
    </View>
  )
}
