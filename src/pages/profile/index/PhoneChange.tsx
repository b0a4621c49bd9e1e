import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { useMutation } from '@/data'
import type { PhoneChanged } from '@/contracts/profile/schemas'
import { confirm } from '@/utils/dialog'
import { toFieldMessages } from '@/utils/form'
import PhoneVerify from '@/components/PhoneVerify/PhoneVerify'

interface Props {
  currentMasked?: string
  onChanged: () => void
}

/** Where else the number was replaced, in words. */
function alsoUpdated({ membershipApplications, legalCases }: PhoneChanged['updated']): string {
  const parts = [
    membershipApplications ? `入会资料 ${membershipApplications} 份` : '',
    legalCases ? `办理中的法律援助案件 ${legalCases} 件` : '',
  ].filter(Boolean)
  return parts.length ? `，${parts.join('、')}已同步更新` : ''
}

/**
 * 更换手机号: the platform verifies the new number (WeChat, or the 本地演示 in H5), the server tells us which
 * number it is (masked), the person confirms, and only then is the old one replaced.
 */
export default function PhoneChange({ currentMasked, onChanged }: Props) {
  const [open, setOpen] = useState(false)
  const [phoneError, setPhoneError] = useState('')
  const [formError, setFormError] = useState('')
  const [done, setDone] = useState('')
  const verify = useMutation('profile', 'verifyPhone')
  const change = useMutation('profile', 'changePhone', { success: '手机号已更换' })

  const onCode = async (code: string) => {
    setPhoneError('')
    setFormError('')
    const v = await verify.run({ code })
    if (!v) return
    if (!v.ok) {
      const fields = toFieldMessages(v.error.fields)
      if (fields.phone) setPhoneError(fields.phone)
      else setFormError(v.error.message)
      return
    }
    const ok = await confirm({
      title: v.data.currentMasked ? '更换手机号？' : '保存手机号？',
      // One number per line: the dialog is narrow, and a number broken over two lines is hard to check.
      content: `${v.data.currentMasked ? `原号码：${v.data.currentMasked}\n` : ''}新号码：${v.data.phoneMasked}\n入会资料和办理中的法律援助案件里的原号码会一并更新。`,
      confirmText: v.data.currentMasked ? '更换' : '保存',
      cancelText: '不换了',
    })
    if (!ok) return
    const c = await change.run({ verificationId: v.data.verificationId })
    if (!c) return
    if (!c.ok) return setFormError(c.error.message)
    setOpen(false)
    setDone(`手机号已更换为 ${c.data.phoneMasked}${alsoUpdated(c.data.updated)}。`)
    onChanged()
  }

  return (
    <View className='phone-change'>
      {open ? (
        <View className='phone-change__panel'>
          <PhoneVerify onCode={onCode} error={phoneError} />
          {formError ? <Text className='phone-change__error'>{formError}</Text> : null}
          <Btn kind='ghost' size='sm' className='phone-change__cancel' onClick={() => setOpen(false)}>
            取消
          </Btn>
        </View>
      ) : (
        <Btn
          kind='secondary'
          size='sm'
          className='phone-change__open'
          onClick={() => {
            setOpen(true)
            setDone('')
            setFormError('')
            setPhoneError('')
          }}
        >
          {currentMasked ? '更换手机号' : '验证手机号'}
        </Btn>
      )}
      {done ? <Text className='phone-change__done'>{done}</Text> : null}
    </View>
  )
}
