import { Text, Textarea, View } from '@tarojs/components'
import Btn from '../Btn'
import FieldError from '../FieldError'
import './index.scss'

interface Props {
  title: string
  placeholder: string
  value: string
  error?: string
  busy: boolean
  /** 200 by default, as the review and revoke reasons */
  maxLength?: number
  /** the rule, said before the person types (「至少 5 个字」) */
  hint?: string
  confirmText: string
  className: string
  onInput: (v: string) => void
  onConfirm: () => void
  onCancel: () => void
}

/** A reason written before a decision someone else will read (驳回, 注销, 不予受理…), with its own confirm and cancel. */
export default function ReasonBox(p: Props) {
  return (
    <View className={`card reason-box ${p.className} ${p.error ? 'reason-box--invalid' : ''}`}>
      <Text className='reason-box__title'>{p.title}</Text>
      {p.hint ? <Text className='reason-box__hint'>{p.hint}</Text> : null}
      <Textarea
        className='reason-box__text'
        value={p.value}
        maxlength={p.maxLength ?? 200}
        placeholder={p.placeholder}
        onInput={(e) => p.onInput(e.detail.value)}
      />
      <Text className='reason-box__count'>
        {p.value.length}/{p.maxLength ?? 200}
      </Text>
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
