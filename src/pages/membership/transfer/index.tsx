import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import PickerBox from '@/components/PickerBox'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { fetchQuery } from '@/api/client'
import { requestTransferInput, type MyApplication, type MembershipOptions, type TransferItem } from '@/contracts/membership/schemas'
import type { ApiResult } from '@/contracts/result'
import { useForm, useMutation, useQueryWith } from '@/data'
import { formatDateTime } from '@/utils/membership'
import { alert, confirm } from '@/utils/dialog'
import './index.scss'

interface Loaded {
  app: MyApplication | null
  transfer: TransferItem | null
  options: MembershipOptions
}

async function loadAll(): Promise<ApiResult<Loaded>> {
  const [s, t, o] = await Promise.all([
    fetchQuery('membership', 'myStatus'),
    fetchQuery('membership', 'myTransfer'),
    fetchQuery('membership', 'options'),
  ])
  if (!s.ok) return s
  if (!t.ok) return t
  if (!o.ok) return o
  return { ok: true, data: { app: s.data.application, transfer: t.data.transfer, options: o.data } }
}

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
  const loaded = useQueryWith(loadAll, [])
  return (
    <View className='page transfer'>
      <PageState query={loaded} loadingText='正在加载…'>
        {(d) =>
          d.app?.status === 'approved' ? (
            <Transfer app={d.app} transfer={d.transfer} options={d.options} onChanged={() => void loaded.reload(true)} />
          ) : (
            <StateView
              kind='empty'
              title='入会后才能申请会籍转移'
              detail='会籍转移适用于已入会、工作单位变动的会员。'
              actions={[{ text: '返回', onClick: () => Taro.navigateBack() }]}
            />
          )
        }
      </PageState>
    </View>
  )
}

function Transfer({ app, transfer, options, onChanged }: Omit<Loaded, 'app'> & { app: MyApplication; onChanged: () => void }) {
  const gig = app.form.newEmploymentType !== 'none'
  const form = useForm({
    initial: { toEmployer: '', region: -1, reason: '' },
    schema: requestTransferInput,
    toInput: (v) => ({ toEmployer: v.toEmployer, reason: v.reason, ...(gig && v.region >= 0 ? { region: options.regions[v.region].id } : {}) }),
  })
  const request = useMutation('membership', 'requestTransfer', {
    success: '已提交',
    onSuccess: () => {
      form.reset({ toEmployer: '', region: -1, reason: '' })
      onChanged()
    },
  })
  const cancellation = useMutation('membership', 'cancelTransfer', {
    onSuccess: () => {
      Taro.showToast({ title: '已撤回', icon: 'none' })
      onChanged()
    },
    onError: (e) => void alert('撤回失败', e.message),
  })

  const submit = () =>
    form.submit(async (data) => {
      const ok = await confirm({
        title: '提交会籍转移？',
        content: `由新单位所在的工会审核，通过后会籍从${app.org.name}转出，会员编号不变。`,
        confirmText: '提交',
      })
      return ok ? request.run(data) : null
    })

  const cancel = async (t: TransferItem) => {
    const ok = await confirm({ title: '撤回转移申请？', content: '撤回后会籍仍在原工会，之后可以重新申请。', confirmText: '撤回', danger: true })
    if (ok) await cancellation.run({ id: t.id })
  }

  const pending = transfer?.status === 'pending'
  const v = form.values
  return (
    <>
      <View className='card transfer__current'>
        <Text className='muted'>当前所属工会</Text>
        <Text className='transfer__org'>{app.org.name}</Text>
      </View>
      {transfer ? <TransferStatus t={transfer} busy={cancellation.busy} onCancel={() => void cancel(transfer)} /> : null}
      {!pending ? (
        <View className='card transfer__form'>
          <Text className='transfer__form-title'>申请转入新单位的工会</Text>
          <Text className='muted'>换了工作单位？填写新单位，系统会按入会的规则找到对应的基层工会，由该工会审核。</Text>
          <TextField
            label='新工作单位'
            name='toEmployer'
            required
            value={v.toEmployer}
            maxlength={60}
            placeholder='请填写单位全称'
            error={form.error('toEmployer')}
            onInput={(x) => form.set('toEmployer', x)}
          />
          {gig ? (
            <Field label='所在地区' name='region' error={form.error('region')} hint='不选则按原来的地区'>
              <PickerBox range={options.regions.map((r) => r.name)} value={v.region} onChange={(i) => form.set('region', i)} />
            </Field>
          ) : null}
          <Field label='转移原因' name='reason' required error={form.error('reason')}>
            <Textarea
              className='field__textarea transfer__reason'
              value={v.reason}
              maxlength={200}
              placeholder='如：已调入新单位工作'
              onInput={(e) => form.set('reason', e.detail.value)}
            />
          </Field>
          <FormError message={form.formError} />
          <Btn className='transfer__submit' loading={request.busy} onClick={submit}>
            {request.busy ? '正在提交…' : '提交转移申请'}
          </Btn>
        </View>
      ) : null}
    </>
  )
}
