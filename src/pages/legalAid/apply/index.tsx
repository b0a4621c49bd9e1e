import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import FieldError from '@/components/FieldError'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import TextField from '@/components/TextField'
import { askForNotices } from '@/api/subscribe'
import { CATEGORIES, CATEGORY_LABELS, GROUP_SIZE, GUIDE, MAX_FILES, submitInput, type Category, type FileInfo } from '@/contracts/legalAid/schemas'
import type { ConsultItem } from '@/contracts/legalAid/consult'
import { ARBITRATION_CATEGORIES } from '@/contracts/legalAid/clocks'
import { useForm, useMutation, useQuery } from '@/data'
import { confirm } from '@/utils/dialog'
import { DETAIL_URL } from '../shared/format'
import ClockFields from './ClockFields'
import EvidenceFiles from './EvidenceFiles'
import MeansFields from './MeansFields'
import './index.scss'

const num = (s: string) => (s.trim() ? Number(s) : undefined)
const day = (s: string) => s || undefined

/** 咨询 → 申请: the form opens with the consultation's 案由, question and employer filled in. */
function FromConsult({ id }: { id: string }) {
  const consult = useQuery('legalAid', 'consult', { id })
  return <PageState query={consult}>{(c) => <ApplyForm consult={c} />}</PageState>
}

export default function ApplyPage() {
  const { params } = useRouter()
  return params.consult ? <FromConsult id={params.consult} /> : <ApplyForm consult={null} />
}

function ApplyForm({ consult }: { consult: ConsultItem | null }) {
  const { params } = useRouter()
  const [files, setFiles] = useState<FileInfo[]>([])
  const [uploading, setUploading] = useState(false)
  const form = useForm({
    initial: {
      category: (consult?.category ?? null) as Category | null,
      employer: consult?.employer ?? '',
      facts: consult ? consult.question : params.facts ? decodeURIComponent(params.facts) : '',
      claim: '',
      amount: '',
      phone: '',
      groupSize: '1',
      hearingDay: '',
      limitationDay: '',
      leftOn: '',
      migrant: false,
      assistance: false,
      monthlyIncome: '',
      promise: false,
    },
    schema: submitInput,
    toInput: (v) => ({
      category: v.category ?? undefined,
      employer: v.employer,
      facts: v.facts,
      claim: v.claim,
      amount: num(v.amount),
      phone: v.phone,
      groupSize: v.category === 'wage' ? (num(v.groupSize) ?? 1) : 1,
      fileIds: files.map((f) => f.id),
      hearingDay: day(v.hearingDay),
      limitationDay: day(v.limitationDay),
      leftOn: v.category && ARBITRATION_CATEGORIES.includes(v.category) ? day(v.leftOn) : undefined,
      migrant: v.migrant,
      assistance: v.assistance,
      monthlyIncome: num(v.monthlyIncome),
      promise: v.promise,
      consultId: consult?.id,
    }),
  })
  const v = form.values
  // The county's means test; a union below with its own answers by field at submission, which opens the section too.
  const policy = useQuery('legalAid', 'policy', {})
  const askMeans = !!policy.data?.meansTest || !!form.error('monthlyIncome') || !!form.error('promise')
  const submit = useMutation('legalAid', 'submit', {
    success: '已提交',
    onSuccess: ({ id }) => void Taro.redirectTo({ url: DETAIL_URL(id) }),
  })

  const guide = v.category ? GUIDE[v.category] : null
  const size = num(v.groupSize) ?? 1
  const group = v.category === 'wage' && size >= GROUP_SIZE

  const send = () =>
    form.submit(async (data) => {
      const ok = await confirm({
        title: '确认提交申请？',
        content: `${CATEGORY_LABELS[data.category]} · ${data.employer}${group ? `\n${size} 人群体案件，将优先办理` : ''}\n证据 ${files.length} 个文件。提交后工会工作人员和承办律师可以查看。`,
        confirmText: '提交',
        cancelText: '再看看',
        danger: true,
      })
      if (!ok) return null
      // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
      // before the union's decision and the lawyer's messages, which arrive as these notices.
      await askForNotices(['legal_aid_update', 'legal_aid_message'])
      return submit.run(data)
    })

  return (
    <View className='page legal-apply'>
      {consult ? (
        <View className='card legal-apply__from-consult'>
          <Text>已把您咨询的问题填进「事实经过」，请补充用人单位、诉求和手机号后提交。</Text>
        </View>
      ) : null}
      <Text className='section-title'>1. 遇到了什么纠纷？</Text>
      <View className='legal-apply__categories field--category'>
        {CATEGORIES.map((c) => (
          <View
            key={c}
            className={`legal-apply__category legal-apply__category--${c} ${v.category === c ? 'legal-apply__category--on' : ''}`}
            onClick={() => form.set('category', c)}
          >
            <Text>{CATEGORY_LABELS[c]}</Text>
          </View>
        ))}
      </View>
      <FieldError message={form.error('category')} />

      {guide ? (
        <View className='card legal-apply__guide'>
          <Text className='legal-apply__guide-title'>请准备这些证据（有多少拍多少）</Text>
          {guide.evidence.map((e) => (
            <Text key={e} className='legal-apply__evidence'>
              □ {e}
            </Text>
          ))}
          {v.category === 'wage' || v.category === 'injury' ? (
            <Text className='legal-apply__exempt'>讨要工资、工伤赔偿免予经济困难审查。</Text>
          ) : null}
        </View>
      ) : null}

      <Text className='section-title'>2. 说说情况</Text>
      <View className='card'>
        <TextField
          label='用人单位'
          name='employer'
          required
          value={v.employer}
          maxlength={60}
          placeholder='单位全称或老板姓名'
          error={form.error('employer')}
          onInput={(x) => form.set('employer', x)}
        />
        <Field label='事实经过' name='facts' required error={form.error('facts')} hint={guide ? `例：${guide.factsExample}` : undefined}>
          <Textarea
            className='field__textarea legal-apply__textarea'
            value={v.facts}
            maxlength={2000}
            placeholder='什么时候、在哪里、发生了什么'
            onInput={(e) => form.set('facts', e.detail.value)}
          />
        </Field>
        <Field label='您的诉求' name='claim' required error={form.error('claim')} hint={guide ? `例：${guide.claimExample}` : undefined}>
          <Textarea
            className='field__textarea legal-apply__textarea legal-apply__textarea--short'
            value={v.claim}
            maxlength={500}
            placeholder='希望得到什么结果'
            onInput={(e) => form.set('claim', e.detail.value)}
          />
        </Field>
        <TextField
          label='涉及金额（元）'
          name='amount'
          type='digit'
          value={v.amount}
          placeholder='选填'
          error={form.error('amount')}
          onInput={(x) => form.set('amount', x)}
        />
        {v.category === 'wage' ? (
          <TextField
            label='一起讨薪的人数'
            name='group-size'
            type='number'
            value={v.groupSize}
            error={form.error('groupSize')}
            hint={group ? '3 人以上为群体案件，工会优先办理' : '3 人以上一起讨薪请如实填写人数'}
            onInput={(x) => form.set('groupSize', x)}
          />
        ) : null}
        <TextField
          label='手机号'
          name='phone'
          required
          type='number'
          maxlength={11}
          value={v.phone}
          placeholder='方便律师联系您'
          hint='加密保存，只有工会工作人员和承办律师能看到'
          error={form.error('phone')}
          onInput={(x) => form.set('phone', x)}
        />
      </View>

      <Text className='section-title'>3. 要紧的日子（选填）</Text>
      <View className='card'>
        <ClockFields category={v.category} values={v} set={(k, d) => form.set(k, d)} error={form.error} />
      </View>

      {askMeans && policy.data ? (
        <>
          <Text className='section-title'>经济状况</Text>
          <View className='card'>
            <MeansFields policy={policy.data} category={v.category} values={v} set={(k, x) => form.patch({ [k]: x })} error={form.error} />
          </View>
        </>
      ) : null}

      <Text className='section-title'>4. 证据照片或 PDF（选填，最多 {MAX_FILES} 个，每个不超过 5 MB）</Text>
      <View className='card legal-apply__files'>
        <EvidenceFiles files={files} onChange={setFiles} error={form.error('fileIds')} onUploading={setUploading} />
        <Text className='muted legal-apply__privacy'>证据存放在私有空间，只有您、受理工会和承办律师能通过临时链接查看，每次查看都有记录。</Text>
      </View>

      <FormError message={form.formError} />
      <Btn className='legal-apply__submit' loading={submit.busy} disabled={uploading} onClick={send}>
        {submit.busy ? '正在提交…' : '提交申请'}
      </Btn>
    </View>
  )
}
