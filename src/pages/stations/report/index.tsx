import { Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'
import FormError from '@/components/FormError'
import { REPORT_KINDS, reportInput } from '@/contracts/stations/schemas'
import { useForm, useMutation } from '@/data'
import { goBackOr } from '@/utils/nav'
import { askForNotices } from '@/api/subscribe'
import './index.scss'
import { confirm } from '@/utils/dialog'

type Kind = (typeof REPORT_KINDS)[number]['key']

const KIND_HINTS: Record<Kind, string> = {
  closed: '到了现场发现没开门、已撤站或找不到',
  broken: '饮水机、充电插座、空调等不能用',
  other: '信息有误、环境问题或其他建议',
}

export default function ReportPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  const form = useForm({
    initial: { kind: null as Kind | null, text: '' },
    schema: reportInput,
    toInput: (v) => ({ id, kind: v.kind ?? undefined, text: v.text }),
  })
  const { kind, text } = form.values
  const report = useMutation('stations', 'report', {
    success: '已收到反馈',
    onSuccess: () => {
      setTimeout(() => goBackOr(`/pages/stations/detail/index?id=${encodeURIComponent(id)}`), 1500)
    },
  })

  const submit = () =>
    form.submit(async (data) => {
      const label = REPORT_KINDS.find((k) => k.key === data.kind)?.label ?? ''
      const ok = await confirm({
        title: '确认提交反馈？',
        content: `问题类型：${label}${name ? `\n驿站：${name}` : ''}`,
        confirmText: '提交',
        danger: true,
        cancelText: '再想想',
      })
      if (!ok) return null
      // In the chain of the confirm tap (WeChat's rule): the reply comes back as this notice.
      await askForNotices(['station_report_reply'])
      return report.run(data)
    })

  const textRequired = kind === 'other'

  return (
    <View className='page report'>
      {name ? (
        <View className='report__station'>
          <Text className='muted'>反馈的驿站</Text>
          <Text className='report__station-name'>{name}</Text>
        </View>
      ) : null}

      <Text className='section-title'>遇到了什么问题？</Text>
      <View className='report__kinds'>
        {REPORT_KINDS.map((k) => (
          <View
            key={k.key}
            className={`report-kind report-kind--${k.key} ${kind === k.key ? 'report-kind--on' : ''}`}
            onClick={() => form.set('kind', k.key)}
          >
            <View className='report-kind__radio' />
            <View className='report-kind__text'>
              <Text className='report-kind__label'>{k.label}</Text>
              <Text className='report-kind__hint'>{KIND_HINTS[k.key]}</Text>
            </View>
          </View>
        ))}
      </View>
      <FieldError message={form.error('kind')} />

      <Text className='section-title report__text-title'>
        补充说明{textRequired ? <Text className='report__required'>（必填）</Text> : <Text className='muted'>（选填）</Text>}
      </Text>
      <View className={`card report__text-card ${form.error('text') ? 'report__text-card--invalid field--invalid' : ''}`}>
        <Textarea
          className='report__text'
          value={text}
          maxlength={200}
          placeholder={textRequired ? '请简单说明情况，方便工作人员处理' : '可以写写具体情况（选填）'}
          onInput={(e) => form.set('text', e.detail.value)}
        />
        <Text className='report__count'>{text.length}/200</Text>
      </View>
      <FieldError message={form.error('text')} />

      <FormError message={form.error('id') ?? form.formError} />

      <Btn className='report__submit' loading={report.busy} onClick={submit}>
        {report.busy ? '正在提交…' : '提交反馈'}
      </Btn>
    </View>
  )
}
