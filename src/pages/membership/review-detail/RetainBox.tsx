import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import type { ApplicationDetail } from '@/contracts/membership/schemas'
import { RETAIN_REASONS, retainInput, retainReasonLabel, type RetainReason } from '@/contracts/membership/standing'
import { useForm, useMutation } from '@/data'
import { confirm } from '@/utils/dialog'

const HELD_BY = [
  { key: 'own', label: '本工会保留' },
  { key: 'parent', label: '上级工会保留' },
] as const

/** 保留会籍: why (退休、失业、单位注销) and who keeps it; 单位注销 suggests the union above. */
export default function RetainBox({
  app,
  onDone,
  onCancel,
}: {
  app: ApplicationDetail
  onDone: (a: ApplicationDetail) => void
  onCancel: () => void
}) {
  const [touchedHolder, setTouchedHolder] = useState(false)
  const form = useForm({
    initial: { reason: '' as RetainReason | '', heldBy: '' as 'own' | 'parent' | '', note: '' },
    schema: retainInput,
    toInput: (v) => ({ id: app.id, reason: v.reason || undefined, heldBy: v.heldBy || undefined, note: v.note }),
  })
  const retain = useMutation('membership', 'retain', { success: '已保留会籍', onSuccess: onDone })
  const submit = () =>
    form.submit(async (d) => {
      const ok = await confirm({
        title: '保留会籍？',
        content: `${app.name}：${retainReasonLabel(d.reason)}，${d.heldBy === 'parent' ? '由上级工会' : `由${app.orgName}`}保留会籍。会员编号和会员卡不变，不再缴纳会费。`,
        confirmText: '保留',
      })
      return ok ? retain.run(d) : null
    })
  return (
    <View className='card retain-box'>
      <Text className='reason-box__title'>保留会籍</Text>
      <Field label='原因' name='reason' required error={form.error('reason')}>
        <Choice
          className='retain-box__reason'
          options={RETAIN_REASONS}
          value={form.values.reason}
          onChange={(k) => form.patch(touchedHolder ? { reason: k } : { reason: k, heldBy: k === 'employer_closed' ? 'parent' : 'own' })}
        />
      </Field>
      <Field label='由谁保留' name='heldBy' required error={form.error('heldBy')} hint='单位注销、单位工会随之撤销时，由上级工会保留'>
        <Choice
          className='retain-box__held-by'
          options={HELD_BY}
          value={form.values.heldBy}
          onChange={(k) => {
            setTouchedHolder(true)
            form.set('heldBy', k)
          }}
        />
      </Field>
      <FormError message={form.formError} />
      <View className='row-actions'>
        <Btn kind='secondary' onClick={onCancel}>
          取消
        </Btn>
        <Btn className='retain-box__confirm' loading={retain.busy} onClick={submit}>
          确认保留
        </Btn>
      </View>
    </View>
  )
}
