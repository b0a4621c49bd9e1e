import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import PickerBox from '@/components/PickerBox'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { call } from '@/api/client'
import { ensureSignedIn } from '@/api/session'
import { requestTransferInput, type MyApplication, type MembershipOptions, type TransferItem } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { formatDateTime } from '@/utils/membership'
import { alert, confirm } from '@/utils/dialog'
import './index.scss'

type Ready = { kind: 'ready'; app: MyApplication | null; transfer: TransferItem | null; options: MembershipOptions }
type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | Ready

const STATUS: Record<TransferItem['status'], string> = { pending: '待转入工会审核', approved: '已转入', rejected: '未同意', cancelled: '已撤回' }

function TransferStatus({ t, busy, onCancel }: { t: TransferItem; busy: boolean; onCancel: () => void }) {
  return (
    <View className={`card transfer-status transfer-status--${t.status}`}>
      <View className='transfer-status__head'>
        <Text className='transfer-status__title'>会籍转移申请</Text>
        <Text className={`transfer-status__badge transfer-status__badge--${t.status}`}>{STATUS[t.status]}</Text>
      </View>
      <Text className='transfer-status__route'>
        {t.from.name} → <Text className='transfer-status__to'>{t.to.name}</Text>
      </Text>
      <Text className='muted'>新工作单位：{t.toEmployer}</Text>
      <Text className='muted'>提交时间：{formatDateTime(t.requestedAt)}</Text>
      {t.decidedAt && t.status !== 'pending' ? <Text className='muted'>处理时间：{formatDateTime(t.decidedAt)}</Text> : null}
      {t.status === 'pending' ? <Text className='transfer-status__note'>由{t.to.name}审核，会员编号不变。审核结果会通知您。</Text> : null}
      {t.status === 'approved' ? (
        <Text className='transfer-status__note'>
          会籍已转入{t.to.name}，会员编号 {t.memberNo} 不变，会员卡已更新。
        </Text>
      ) : null}
      {t.status === 'rejected' ? <Text className='transfer-status__reason'>原因：{t.rejectReason || '未填写，请联系转入工会'}</Text> : null}
      {t.status === 'pending' ? (
        <Btn kind='danger' className='transfer-status__cancel' disabled={busy} onClick={onCancel}>
          {busy ? '正在撤回…' : '撤回转移申请'}
        </Btn>
      ) : null}
    </View>
  )
}

export default function TransferPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [toEmployer, setToEmployer] = useState('')
  const [region, setRegion] = useState(-1)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldMessages>({})
  const [busy, setBusy] = useState(false)
  const seq = useRef(0)

  const fetchAll = async (quiet = false) => {
    const mine = ++seq.current
    if (!quiet) setLoad({ kind: 'loading' })
    const [s, t, o] = await Promise.all([call('membership', 'myStatus'), call('membership', 'myTransfer'), call('membership', 'options')])
    if (mine !== seq.current) return
    if (!s.ok) return setLoad({ kind: 'error', error: s.error })
    if (!t.ok) return setLoad({ kind: 'error', error: t.error })
    if (!o.ok) return setLoad({ kind: 'error', error: o.error })
    setLoad({ kind: 'ready', app: s.data.application, transfer: t.data.transfer, options: o.data })
  }

  useDidShow(() => {
    if (!ensureSignedIn()) return
    void fetchAll(load.kind === 'ready')
  })

  if (load.kind === 'loading')
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  if (load.kind === 'error') {
    return (
      <View className='page'>
        <StateView kind='error' title='暂时没能加载' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchAll() }]} />
      </View>
    )
  }
  const { app, transfer, options } = load
  if (!app || app.status !== 'approved') {
    return (
      <View className='page'>
        <StateView
          kind='empty'
          title='入会后才能申请会籍转移'
          detail='会籍转移适用于已入会、工作单位变动的会员。'
          actions={[{ text: '返回', onClick: () => Taro.navigateBack() }]}
        />
      </View>
    )
  }
  const gig = app.form.newEmploymentType !== 'none'

  const submit = async () => {
    if (busy) return
    const data = { toEmployer, reason, ...(gig && region >= 0 ? { region: options.regions[region].id } : {}) }
    const checked = check(requestTransferInput, data)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    const ok = await confirm({
      title: '提交会籍转移？',
      content: `由新单位所在的工会审核，通过后会籍从${app.org.name}转出，会员编号不变。`,
      confirmText: '提交',
    })
    if (!ok) return
    setBusy(true)
    const r = await call('membership', 'requestTransfer', checked.data)
    setBusy(false)
    if (!r.ok) {
      const f = toFieldMessages(r.error.fields)
      if (Object.keys(f).length) setErrors(f)
      else void alert('提交失败', r.error.message)
      return
    }
    Taro.showToast({ title: '已提交', icon: 'success' })
    setToEmployer('')
    setReason('')
    void fetchAll(true)
  }

  const cancel = async (t: TransferItem) => {
    if (busy) return
    const ok = await confirm({ title: '撤回转移申请？', content: '撤回后会籍仍在原工会，之后可以重新申请。', confirmText: '撤回', danger: true })
    if (!ok) return
    setBusy(true)
    const r = await call('membership', 'cancelTransfer', { id: t.id })
    setBusy(false)
    if (!r.ok) return void alert('撤回失败', r.error.message)
    Taro.showToast({ title: '已撤回', icon: 'none' })
    void fetchAll(true)
  }

  const pending = transfer?.status === 'pending'
  return (
    <View className='page transfer'>
      <View className='card transfer__current'>
        <Text className='muted'>当前所属工会</Text>
        <Text className='transfer__org'>{app.org.name}</Text>
      </View>
      {transfer ? <TransferStatus t={transfer} busy={busy} onCancel={() => void cancel(transfer)} /> : null}
      {!pending ? (
        <View className='card transfer__form'>
          <Text className='transfer__form-title'>申请转入新单位的工会</Text>
          <Text className='muted'>换了工作单位？填写新单位，系统会按入会的规则找到对应的基层工会，由该工会审核。</Text>
          <TextField
            label='新工作单位'
            name='toEmployer'
            required
            value={toEmployer}
            maxlength={60}
            placeholder='请填写单位全称'
            error={errors.toEmployer}
            onInput={(v) => {
              setToEmployer(v)
              setErrors({ ...errors, toEmployer: '' })
            }}
          />
          {gig ? (
            <Field label='所在地区' name='region' error={errors.region} hint='不选则按原来的地区'>
              <PickerBox range={options.regions.map((r) => r.name)} value={region} onChange={setRegion} />
            </Field>
          ) : null}
          <Field label='转移原因' name='reason' required error={errors.reason}>
            <Textarea
              className='field__textarea transfer__reason'
              value={reason}
              maxlength={200}
              placeholder='如：已调入新单位工作'
              onInput={(e) => {
                setReason(e.detail.value)
                setErrors({ ...errors, reason: '' })
              }}
            />
          </Field>
          <Btn className='transfer__submit' disabled={busy} onClick={() => void submit()}>
            {busy ? '正在提交…' : '提交转移申请'}
          </Btn>
        </View>
      ) : null}
    </View>
  )
}
