import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import type { Certificate } from '@/contracts/quiz/levels'
import { useQuery } from '@/data'
import { renderCertificate, saveCertificate, shareCertificate, type Outcome } from './render'
import './index.scss'

/** 电子证书: the picture of my certificate, to keep or send; its code anyone checks in 核验证书. */
export default function QuizCertificatePage() {
  const id = useRouter().params.id ?? ''
  const cert = useQuery('quiz', 'myCertificate', { campaignId: id })
  return (
    <PageState
      query={cert}
      isEmpty={(c) => c === null}
      empty={{
        title: '还没有证书',
        detail: '通过全部关卡后即可获得电子证书',
        actions: [{ text: '返回活动', onClick: () => void Taro.navigateBack() }],
      }}
    >
      {(c) => (c ? <CertificateView c={c} /> : null)}
    </PageState>
  )
}

function CertificateView({ c }: { c: Certificate }) {
  const [src, setSrc] = useState('')
  const [failed, setFailed] = useState(false)
  const [note, setNote] = useState<Outcome>(null)
  useEffect(() => {
    renderCertificate(c).then(setSrc, () => setFailed(true))
  }, [c.code])
  const tell = (o: Outcome) => {
    if (o) setNote(o)
  }
  const weapp = process.env.TARO_ENV === 'weapp'
  return (
    <View className='page quiz-cert'>
      {failed ? (
        <StateView kind='error' title='证书图片没有生成' detail='请截屏保存；证书编号可以随时在这里查看。' />
      ) : src ? (
        <Image className='quiz-cert__image' src={src} mode='widthFix' showMenuByLongpress />
      ) : (
        <StateView kind='loading' title='正在生成证书…' />
      )}
      <View className='card quiz-cert__info'>
        <Text className='muted'>证书编号</Text>
        <Text className='quiz-code quiz-cert__code'>{c.code}</Text>
        <Text className='muted'>任何人都可以在「答题抽奖」→「核验证书」输入这个编号，确认证书真实有效。</Text>
      </View>
      <FormError message={note && !note.ok ? note.message : ''} />
      {note?.ok ? <Text className='muted quiz-cert__saved'>{note.message}</Text> : null}
      <View className='row-actions'>
        <Btn className='quiz-cert-save' disabled={!src} onClick={async () => tell(await saveCertificate(src, c.code))}>
          保存图片
        </Btn>
        {weapp ? (
          <Btn kind='secondary' disabled={!src} onClick={async () => tell(await shareCertificate(src))}>
            发给朋友
          </Btn>
        ) : null}
      </View>
    </View>
  )
}
