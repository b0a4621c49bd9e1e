import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { ensureSignedIn } from '@/api/session'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import type { BookResult, ChildView, ClassDetail, LotteryInfo } from '@/contracts/childcare/schemas'
import type { ApiError } from '@/contracts/result'
import { askForNotices } from '@/api/subscribe'
import { confirm } from '@/utils/dialog'
import { bookingNotices, CC, classLine, countdown, newRequestId, placesLine, STATUS_TONE } from '../shared'
import './index.scss'
import { beijingDateTime } from '@/contracts/time'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; cls: ClassDetail; children: ChildView[]; offsetMs: number }
type Outcome = { kind: 'ok'; result: BookResult } | { kind: 'refused'; message: string }

/** One class: everything that can refuse a parent, stated before booking; a countdown by the server's clock. */
export default function ClassPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [picked, setPicked] = useState<string[]>([])
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [sending, setSending] = useState(false)
  const [tick, setTick] = useState(Date.now())
  // One id per intent: a retry of the same tap (or a timeout) gets the same bookings back, never two.
  const requestId = useRef(newRequestId())
  const busy = useRef(false)

  const fetchAll = async () => {
    const [cls, kids] = await Promise.all([call('childcare', 'getClass', { id }), call('childcare', 'myChildren')])
    if (!cls.ok) return setLoad({ kind: 'error', error: cls.error })
    if (!kids.ok) return setLoad({ kind: 'error', error: kids.error })
    setLoad({ kind: 'ready', cls: cls.data, children: kids.data.items, offsetMs: Date.parse(cls.data.serverNow) - Date.now() })
  }
  useDidShow(() => {
    if (!ensureSignedIn()) return
    void fetchAll()
  })
  useEffect(() => {
    const t = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])

  if (load.kind === 'loading')
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  if (load.kind === 'error') {
    return (
      <View className='page'>
        <StateView kind='error' title='加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchAll() }]} />
      </View>
    )
  }
  const { cls, children, offsetMs } = load
  const serverNow = tick + offsetMs
  const untilOpen = Date.parse(cls.opensAt) - serverNow
  const closed = serverNow >= Date.parse(cls.closesAt)
  const lottery = cls.allocation === 'lottery'

  const toggle = (childId: string, on: boolean) => {
    setPicked((p) => (on ? [...p, childId] : p.filter((x) => x !== childId)))
    requestId.current = newRequestId()
    setOutcome(null)
  }

  const submit = async () => {
    if (busy.current) return
    if (!picked.length) return setOutcome({ kind: 'refused', message: '请先勾选要报名的孩子' })
    busy.current = true
    const names = children
      .filter((c) => picked.includes(c.id))
      .map((c) => c.name)
      .join('、')
    const ok = await confirm({
      title: lottery ? '确认申请抽签？' : '确认报名？',
      content: `${cls.title}\n孩子：${names}\n${picked.length > 1 ? '多个孩子一起报名：要么都报上，要么都候补。' : ''}`,
      confirmText: '确认',
      cancelText: '再看看',
      danger: true,
    })
    if (!ok) {
      busy.current = false
      return
    }
    // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
    // before a lottery result or a waitlist offer, which arrive as notices.
    await askForNotices(bookingNotices(cls))
    setSending(true)
    const res = await call('childcare', 'book', { classId: cls.id, childIds: picked, requestId: requestId.current })
    setSending(false)
    busy.current = false
    if (res.ok) {
      setOutcome({ kind: 'ok', result: res.data })
      requestId.current = newRequestId()
      void fetchAll()
    } else setOutcome({ kind: 'refused', message: res.error.message })
  }

  const nameOf = (childId: string) => children.find((c) => c.id === childId)?.name ?? ''

  return (
    <View className='page cc-detail'>
      <View className='card cc-class'>
        <View className='cc-class__top'>
          <Text className='cc-class__title cc-detail__title'>{cls.title}</Text>
          <Text className={`cc-badge cc-badge--${STATUS_TONE[cls.status]} cc-detail__status`}>{cls.status}</Text>
        </View>
        <Text className='cc-line'>
          {cls.site} · {cls.address}
        </Text>
        <Text className='cc-line'>{classLine(cls)}</Text>
        <Text className='cc-line'>
          {cls.fee ? `费用 ${cls.fee} 元` : '免费'} · 主办：{cls.orgName}
        </Text>
        <Text className='cc-places cc-detail__places'>{placesLine(cls)}</Text>
        {cls.description ? <Text className='cc-line'>{cls.description}</Text> : null}
      </View>

      {untilOpen > 0 ? <View className='cc-countdown cc-detail__countdown'>距开放报名 {countdown(untilOpen)}（以服务器时间为准）</View> : null}

      <View className='card cc-rules'>
        <Text className='cc-title'>报名规则</Text>
        {cls.rules.map((r, i) => (
          <Text key={i} className='cc-rule'>
            {i + 1}. {r}
          </Text>
        ))}
        {cls.lottery ? (
          <Text className='cc-rule cc-detail__seed'>
            种子承诺 SHA-256：{cls.lottery.seedHash}
            {cls.lottery.seed ? `\n已公开种子：${cls.lottery.seed}` : `\n已有 ${cls.lottery.applicants} 个孩子申请`}
          </Text>
        ) : null}
      </View>

      {cls.lottery ? <BallotCard lottery={cls.lottery} /> : null}

      <View className='card cc-rules'>
        <Text className='cc-title'>选择孩子</Text>
        {children.length ? (
          children.map((c) => (
            <Check key={c.id} className='cc-detail__child' checked={picked.includes(c.id)} onChange={(on) => toggle(c.id, on)}>
              <Text>
                {c.name} · {GRADE_LABELS[c.grade]} · {c.idNumberMasked}
              </Text>
            </Check>
          ))
        ) : (
          <Text className='muted'>还没有孩子信息，请先添加。</Text>
        )}
        <Btn size='sm' kind='ghost' onClick={() => Taro.navigateTo({ url: CC.children })}>
          管理孩子信息
        </Btn>
      </View>

      {outcome?.kind === 'refused' ? <View className='cc-result cc-result--no cc-detail__result'>{outcome.message}</View> : null}
      {outcome?.kind === 'ok'
        ? outcome.result.bookings.map((b) => (
            <View key={b.id} className={`cc-result cc-result--${b.status === 'confirmed' ? 'ok' : 'wait'} cc-detail__result`}>
              {nameOf(b.childId)}：
              {b.status === 'confirmed' ? '预约成功' : b.status === 'applied' ? '已提交抽签申请，截止后公开抽签' : `已满，候补第 ${b.position} 位`}
            </View>
          ))
        : null}

      {outcome?.kind === 'ok' ? (
        <Btn className='cc-detail__go-mine' kind='secondary' onClick={() => Taro.navigateTo({ url: CC.mine })}>
          查看我的预约
        </Btn>
      ) : untilOpen > 0 ? (
        <Btn disabled>{`${beijingDateTime(cls.opensAt)} 开放`}</Btn>
      ) : closed ? (
        <Btn disabled>报名已截止</Btn>
      ) : (
        <Btn className='cc-detail__book' disabled={sending || !children.length} onClick={() => void submit()}>
          {sending ? '正在提交…' : lottery ? '申请抽签' : cls.remaining > 0 ? '立即报名' : '排队候补'}
        </Btn>
      )}
    </View>
  )
}

/** The ballot anyone can check: how to recompute it, and after the draw every application's number in drawn order. */
function BallotCard({ lottery }: { lottery: LotteryInfo }) {
  const mine = new Set(lottery.mine ?? [])
  return (
    <View className='card cc-rules cc-ballot'>
      <Text className='cc-title'>抽签公开核验</Text>
      {lottery.recipe.map((r, i) => (
        <Text key={i} className='cc-rule cc-ballot__step'>
          {i + 1}. {r}
        </Text>
      ))}
      {lottery.order ? (
        <View className='cc-ballot__list'>
          <Text className='cc-rule'>抽签顺序（共 {lottery.order.length} 份申请）：</Text>
          {lottery.order.map((e, i) => (
            <View key={e.ticket} className={`cc-ballot__row${mine.has(e.ticket) ? ' cc-ballot__row--mine' : ''}`}>
              <Text className='cc-ballot__n'>{i + 1}</Text>
              <Text className='cc-ballot__ticket'>{e.ticket}</Text>
              <Text>
                {e.children} 个孩子 · {e.result === 'confirmed' ? '中签' : '候补'}
                {mine.has(e.ticket) ? '（您的申请）' : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : lottery.seed ? (
        <Text className='muted'>本班在公开编号功能上线前抽签，没有编号表；结果以当时公布的种子为准。</Text>
      ) : (
        <Text className='muted'>截止后抽签，届时在这里公布种子和全部申请的编号。</Text>
      )}
    </View>
  )
}
