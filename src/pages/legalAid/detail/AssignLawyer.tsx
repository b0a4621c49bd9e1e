import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { call } from '@/api/client'
import type { CaseDetail, LawyerOption } from '@/contracts/legalAid/schemas'
import { canStep } from '@/contracts/legalAid/states'
import { alert, confirm } from '@/utils/dialog'
import type { CaseAct } from './act'

/** Staff pick a lawyer from the union's list (read when asked for: it is a staff-only query). */
export default function AssignLawyer({ c, act }: { c: CaseDetail; act: CaseAct }) {
  const [lawyers, setLawyers] = useState<LawyerOption[] | null>(null)
  if (c.viewerRole !== 'staff' || !canStep('assign', c.status, 'staff')) return null
  const show = async () => {
    const r = await call('legalAid', 'lawyers', { id: c.id })
    if (!r.ok) return alert('读取律师名单失败', r.error.message)
    setLawyers(r.data.items)
  }
  const assign = async (l: LawyerOption) => {
    if (!(await confirm({ title: `指派${l.name}？`, content: '律师会收到通知，并能查看案件和证据。', confirmText: '指派' }))) return
    const r = await act.run({ send: () => call('legalAid', 'assign', { id: c.id, lawyerOpenid: l.openid }), done: '已指派' })
    if (r?.ok) setLawyers(null)
  }
  return (
    <View className='card legal-detail__actions'>
      <Text className='legal-detail__label'>{c.lawyerName ? `改派律师（现为${c.lawyerName}）` : '指派律师'}</Text>
      {lawyers === null ? (
        <Btn kind='secondary' className='legal-detail__choose-lawyer' onClick={show}>
          选择律师
        </Btn>
      ) : lawyers.length ? (
        lawyers.map((l) => (
          <View key={l.openid} className='legal-detail__lawyer' onClick={() => void assign(l)}>
            <Text>{l.name}</Text>
            <Text className='legal-detail__lawyer-pick'>指派</Text>
          </View>
        ))
      ) : (
        <Text className='muted'>本工会的律师名单是空的，请联系管理员添加律师。</Text>
      )}
    </View>
  )
}
