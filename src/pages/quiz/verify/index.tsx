import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Field from '@/components/Field'
import PageState from '@/components/PageState'
import { certCodeInput, type CertificateCheck } from '@/contracts/quiz/levels'
import { useForm, useQuery } from '@/data'
import './index.scss'

const longDay = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** 核验证书: anyone types (or opens a link with) a certificate's code and sees whether it is real. */
export default function QuizVerifyPage() {
  const initial = useRouter().params.code ?? ''
  const [code, setCode] = useState(initial ? (certCodeInput.safeParse({ code: initial }).data?.code ?? '') : '')
  const form = useForm({ initial: { code: initial }, schema: certCodeInput })
  const check = useQuery('quiz', 'verifyCertificate', { code }, { enabled: !!code, reloadOnShow: false })
  const submit = () =>
    form.submit(async (data) => {
      setCode(data.code)
      if (data.code === code) await check.reload()
      return null
    })
  return (
    <View className='page quiz-verify'>
      <View className='card'>
        <Text className='muted'>输入证书上的编号（如 ZS-7K3P-Q9MD），核对证书是否由工会颁发。</Text>
        <Field label='证书编号' name='code' required error={form.error('code')}>
          <Input
            className='field__input quiz-verify__input'
            value={form.values.code}
            maxlength={16}
            placeholder='ZS-XXXX-XXXX'
            onInput={(e) => form.set('code', e.detail.value)}
            onConfirm={() => void submit()}
          />
        </Field>
        <Btn className='quiz-verify-run' loading={!!code && check.state.kind === 'loading'} onClick={submit}>
          核验
        </Btn>
      </View>
      {code ? <PageState query={check}>{(r) => <Verdict r={r} />}</PageState> : null}
    </View>
  )
}

function Verdict({ r }: { r: CertificateCheck }) {
  if (!r.valid)
    return (
      <View className='card quiz-verdict-card quiz-verdict-card--bad'>
        <Text className='quiz-title'>查无此证</Text>
        <Text className='muted'>编号 {r.code} 没有对应的证书。请核对编号；证书持有人删除个人信息后证书也会失效。</Text>
      </View>
    )
  return (
    <View className='card quiz-verdict-card quiz-verdict-card--ok'>
      <Text className='quiz-title'>证书真实有效</Text>
      <Text>持有人：{r.nameMasked}</Text>
      <Text>活动：{r.campaignTitle}</Text>
      {r.orgName ? <Text>颁发：{r.orgName}</Text> : null}
      {r.day ? <Text>通关日期：{longDay(r.day)}</Text> : null}
      <Text className='muted'>编号 {r.code}</Text>
    </View>
  )
}
