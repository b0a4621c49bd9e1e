import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { quizApi } from '@/contracts/quiz/api'
import { useMutation, useQuery } from '@/data'
import { DELIVERY_LABELS, DELIVERY_NOTE_LABEL, type DeliveryItem, type DeliveryStatus } from '@/contracts/quiz/delivery'
import { PRIZE_KIND_LABELS } from '@/contracts/quiz/schemas'
import { confirm } from '@/utils/dialog'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

type Filter = DeliveryStatus | 'all'

/**
 * 奖品发放: claimed prizes by state. Staff record each delivery (a parcel number, a top-up, a transfer: cash is
 * transferred by staff, nothing is paid automatically) and mark a voucher 已核销 when the shop has taken it.
 * Full names, phones and addresses are in the winners export; here they are masked.
 */
function Row({ item, onDone }: { item: DeliveryItem; onDone: () => void }) {
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState('')
  const delivered = useMutation('quiz', 'markDelivered', { success: '已记录', onSuccess: onDone })
  const redeemed = useMutation('quiz', 'markRedeemed', { success: '已核销', onSuccess: onDone })
  const busy = delivered.busy || redeemed.busy
  const deliver = async () => {
    if (note.trim().length < 2) return setNoteError(`请填写${DELIVERY_NOTE_LABEL[item.kind]}`)
    if (!(await confirm({ title: '标记为已发放？', content: `${item.prizeName}：${note.trim()}`, confirmText: '已发放' }))) return
    await delivered.run({ drawId: item.drawId, note: note.trim() })
  }
  const redeem = async () => {
    if (!(await confirm({ title: '核销这张券？', content: item.prizeName, confirmText: '核销', danger: true }))) return
    await redeemed.run({ drawId: item.drawId, note: '' })
  }
  const error = noteError || delivered.error?.message || redeemed.error?.message
  return (
    <View className='card quiz-delivery'>
      <Text className='quiz-title'>
        {item.prizeName}（{PRIZE_KIND_LABELS[item.kind]}）· {DELIVERY_LABELS[item.status]}
      </Text>
      <Text className='muted'>
        {[item.nameMasked, item.phoneMasked, item.addressMasked].filter(Boolean).join(' · ')} · 领取于 {beijingMonthDayTime(item.claimedAt)}
      </Text>
      {item.deliveryNote ? (
        <Text className='muted'>
          发放记录：{item.deliveryNote}（{item.deliveredByName} {item.deliveredAt ? beijingMonthDayTime(item.deliveredAt) : ''}）
        </Text>
      ) : null}
      {item.status === 'pending' && item.kind !== 'voucher' ? (
        <View className='quiz-delivery__form'>
          <Input
            className='field__input quiz-delivery__note'
            value={note}
            maxlength={100}
            placeholder={DELIVERY_NOTE_LABEL[item.kind]}
            onInput={(e) => {
              setNote(e.detail.value)
              setNoteError('')
            }}
          />
          <Btn size='sm' className='quiz-delivery__done' loading={busy} onClick={deliver}>
            已发放
          </Btn>
        </View>
      ) : null}
      {item.kind === 'voucher' && item.status !== 'redeemed' ? (
        <Btn size='sm' kind='secondary' loading={busy} onClick={redeem}>
          核销
        </Btn>
      ) : null}
      {error ? <Text className='quiz-error'>{error}</Text> : null}
    </View>
  )
}

function Deliveries() {
  const campaignId = useRouter().params.id ?? ''
  const [status, setStatus] = useState<Filter>('pending')
  const list = useQuery('quiz', 'deliveries', { campaignId, status })
  const options: Array<{ key: Filter; label: string }> = [
    { key: 'pending', label: '待发放' },
    { key: 'delivered', label: '已发放' },
    { key: 'redeemed', label: '已核销' },
    { key: 'all', label: '全部' },
  ]
  return (
    <View className='page'>
      <Choice options={options} value={status} onChange={setStatus} />
      <PageState query={list}>
        {({ items, counts }) => (
          <>
            <Text className='muted quiz-delivery__counts'>
              待发放 {counts.pending} · 已发放 {counts.delivered} · 已核销 {counts.redeemed}
            </Text>
            {items.length ? (
              items.map((i) => <Row key={i.drawId} item={i} onDone={() => void list.reload(true)} />)
            ) : (
              <StateView kind='empty' title='没有这个状态的奖品' detail='中奖人填写收件信息后出现在「待发放」。' />
            )}
          </>
        )}
      </PageState>
    </View>
  )
}

export default function QuizDeliveryPage() {
  return <RoleGate spec={quizApi.deliveries}>{() => <Deliveries />}</RoleGate>
}
