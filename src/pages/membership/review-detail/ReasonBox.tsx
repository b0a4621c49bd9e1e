import { Text, Textarea, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import FieldError from '@/components/FieldError'

interface Props {
  title: string
  placeholder: string
  value: string
  error?: string
  busy: boolean
  confirmText: string
  className: string
  onInput: (v: string) => void
  onConfirm: () => void
  onCancel: () => void
}

/** A reason written before a decision that the applicant will read (驳回) or that ends a membership (注销). */
export default function ReasonBox(p: Props) {
  return (
    <View className={`card reason-box ${p.className} ${p.error ? 'reason-box--invalid' : ''}`}>
      <Text className='reason-box__title'>{p.title}</Text>
      <Textarea className='reason-box__text' value={p.value} maxlength={200} placeholder={p.placeholder} onInput={(e) => p.onInput(e.detail.value)} />
      <Text className='reason-box__count'>{p.value.length}/200</Text>
      <FieldError message={p.error} />
      <View className='row-actions'>
        <Btn kind='ghost' className='reason-box__cancel' onClick={p.onCancel}>
          取消
        </Btn>
        <Btn className='reason-box__confirm' disabled={p.busy} onClick={p.onConfirm}>
          {p.busy ? '正在提交…' : p.confirmText}
        </Btn>
      </View>
    </View>
  )
}
