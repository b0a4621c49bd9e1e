import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import FieldError from '@/components/FieldError'
import { CHILD_RULES, CHILD_RULES_TITLE } from '@/contracts/childcare/privacy'

interface Props {
  busy: boolean
  error: string
  onAgree: () => void
  onCancel: () => void
}

/**
 * 个人信息保护法 Art. 31: before the first child is saved the parent reads these rules in full (not behind a link)
 * and agrees as the child's guardian. Without it the form does not open.
 */
export default function ConsentStep({ busy, error, onAgree, onCancel }: Props) {
  const [guardian, setGuardian] = useState(false)
  const [missing, setMissing] = useState('')
  return (
    <View className='page cc-consent'>
      <View className={`card cc-consent__card ${missing ? 'field--invalid' : ''}`}>
        <Text className='cc-consent__title'>{CHILD_RULES_TITLE}</Text>
        <Text className='cc-consent__lead'>登记孩子信息前，请以监护人身份阅读并同意：</Text>
        {CHILD_RULES.map((line) => (
          <Text key={line} className='cc-consent__line'>
            {line}
          </Text>
        ))}
        <Check
          checked={guardian}
          className='cc-consent__check'
          onChange={(v) => {
            setGuardian(v)
            setMissing('')
          }}
        >
          <Text>我是孩子的父母或其他监护人，已阅读并同意《{CHILD_RULES_TITLE}》</Text>
        </Check>
        <FieldError message={missing || error} />
      </View>
      <View className='row-actions'>
        <Btn kind='secondary' onClick={onCancel}>
          不同意
        </Btn>
        <Btn
          className='cc-consent__agree'
          disabled={busy}
          onClick={() => {
            if (!guardian) return setMissing('请先勾选：您是孩子的监护人并同意处理规则')
            onAgree()
          }}
        >
          {busy ? '正在保存…' : '同意并继续'}
        </Btn>
      </View>
    </View>
  )
}
