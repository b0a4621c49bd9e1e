import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import PageState from '@/components/PageState'
import { fetchQuery } from '@/api/client'
import { useMutation, useQueryWith } from '@/data'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import type { BookResult, ChildView, ClassDetail, LotteryInfo } from '@/contracts/childcare/schemas'
import type { ApiResult } from '@/contracts/result'
import { askForNotices } from '@/api/subscribe'
import { confirm } from '@/utils/dialog'
import { check } from '@/utils/form'
import { healthDeclaration } from '@/contracts/childcare/health'
import { emptyHealth, HealthCard, NoticeCard, type HealthDraft } from './Declaration'
import { PriorityCard } from './PriorityCard'
import { CLAIM_STATE_LABELS, type ClaimView, type PriorityGroup } from '@/contracts/childcare/priority'
import { bookingNotices, CC, classLine, countdown, newRequestId, placesLine, STATUS_TONE } from '../shared'
import './index.scss'
import { beijingDateTime } from '@/contracts/time'

type Loaded = { cls: ClassDetail; children: ChildView[]; offsetMs: number }

/** The class and the caller's children, read together: the page needs both to offer a booking. */
async function fetchClass(id: string): Promise<ApiResult<Loaded>> {
  const [cls, kids] = await Promise.all([fetchQuery('childcare', 'getClass', { id }), fetchQuery('childcare', 'myChildren')])
  if (!cls.ok) return cls
  if (!kids.ok) return kids
  return { ok: true, data: { cls: cls.data, children: kids.data.items, offsetMs: Date.parse(cls.data.serverNow) - Date.now() } }
}

/** One class: everything that can refuse a parent, stated before booking; a countdown by the server's clock. */
export default function ClassPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const page = useQueryWith(() => fetchClass(id), [id])
  return (
    <View className='page cc-detail'>
      <PageState query={page}>{(d) => <ClassView {...d} reload={() => page.reload(true)} />}</PageState>
    </View>
  )
}

function ClassView({ cls, children, offsetMs, reload }: Loaded & { reload: () => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>([])
  const [result, setResult] = useState<BookResult | null>(null)
  const [refusal, setRefusal] = useState('')
  const [noticeRead, setNoticeRead] = useState(false)
  const [health, setHealth] = useState<Record<string, HealthDraft>>({})
  const [claim, setClaim] = useState<PriorityGroup | ''>('')
  // Shown after the first tap on 报名, then follow the answers as they are fixed.
  const [tried, setTried] = useState(false)
  const [tick, setTick] = useState(Date.now())
  // One id per intent: a retry of the same tap (or a timeout) gets the same bookings back, never two.
  const requestId = useRef(newRequestId())
  const booking = useMutation('childcare', 'book', {
    onSuccess: (data) => {
      setResult(data)
      requestId.current = newRequestId()
      void reload()
    },
    onError: (e) => setRefusal(e.message),
  })

  useEffect(() => {
    const t = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])

  const serverNow = tick + offsetMs
  const untilOpen = Date.parse(cls.opensAt) - serverNow
  const closed = serverNow >= Date.parse(cls.closesAt)
  const lottery = cls.allocation === 'lottery'
  const reserveOpen =
    !!cls.priority && !cls.priority.released && !closed && (lottery || !cls.priority.releaseAt || serverNow < Date.parse(cls.priority.releaseAt))

  const toggle = (childId: string, on: boolean) => {
    setPicked((p) => (on ? [...p, childId] : p.filter((x) => x !== childId)))
    if (on) setHealth((h) => (h[childId] ? h : { ...h, [childId]: emptyHealth() }))
    requestId.current = newRequestId()
    setResult(null)
    setRefusal('')
  }

  // A class with a 告家长书: this version read, and each picked child's health declared.
  const declared = picked.map((childId) => check(healthDeclaration, { childId, ...(health[childId] ?? emptyHealth()) }))
  const noticeError = cls.notice && tried && !noticeRead ? '请先阅读告家长书并勾选「已阅读」' : undefined
  const healthErrors = (i: number) => (path: string) => {
    const d = declared[i]
    return tried && !d.ok ? d.errors[path] : undefined
  }

  const submit = async () => {
    if (!picked.length) return setRefusal('请先勾选要报名的孩子')
    setTried(true)
    if (cls.notice && (!noticeRead || declared.some((d) => !d.ok))) {
      setRefusal(!noticeRead ? '请先阅读告家长书' : '请完成每个孩子的健康申报（见标红处）')
      return
    }
    setRefusal('')
    const claimLabel = reserveOpen && claim ? cls.priority?.groups.find((g) => g.key === claim)?.label : ''
    const names = children
      .filter((c) => picked.includes(c.id))
      .map((c) => c.name)
      .join('、')
    const ok = await confirm({
      title: lottery ? '确认申请抽签？' : '确认报名？',
      content: `${cls.title}\n孩子：${names}\n${claimLabel ? `申请优先名额：${claimLabel}（工会核实）\n` : ''}${picked.length > 1 ? '多个孩子一起报名：要么都报上，要么都候补。' : ''}`,
      confirmText: '确认',
      cancelText: '再看看',
      danger: true,
    })
    if (!ok) return
    // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
    // before a lottery result or a waitlist offer, which arrive as notices.
    await askForNotices(bookingNotices(cls))
    await booking.run({
      classId: cls.id,
      childIds: picked,
      requestId: requestId.current,
      ...(reserveOpen && claim ? { claim } : {}),
      ...(cls.notice ? { noticeVersion: cls.notice.version, health: declared.flatMap((d) => (d.ok ? [d.data] : [])) } : {}),
    })
  }

  const nameOf = (childId: string) => children.find((c) => c.id === childId)?.name ?? ''

  return (
    <>
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
        {cls.lottery && !cls.lottery.seed ? <Text className='cc-rule cc-detail__seed'>已有 {cls.lottery.applicants} 个孩子申请</Text> : null}
      </View>

      {cls.lottery ? <BallotCard lottery={cls.lottery} /> : null}

      {cls.priority ? (
        <PriorityCard
          priority={cls.priority}
          lottery={lottery}
          open={reserveOpen}
          claim={claim}
          onClaim={(c) => {
            setClaim(c)
            requestId.current = newRequestId()
            setResult(null)
            setRefusal('')
          }}
          error={booking.fields.claim}
        />
      ) : null}

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

      {cls.notice ? (
        <NoticeCard
          notice={cls.notice}
          read={noticeRead}
          onRead={(v) => {
            setNoticeRead(v)
            setRefusal('')
          }}
          error={noticeError ?? booking.fields.noticeVersion}
        />
      ) : null}
      {cls.notice
        ? picked.map((childId, i) => (
            <HealthCard
              key={childId}
              name={nameOf(childId)}
              draft={health[childId] ?? emptyHealth()}
              onChange={(d) => {
                setHealth((h) => ({ ...h, [childId]: d }))
                setRefusal('')
              }}
              errors={healthErrors(i)}
            />
          ))
        : null}

      {refusal ? <View className='cc-result cc-result--no cc-detail__result'>{refusal}</View> : null}
      {result
        ? result.bookings.map((b) => (
            <View key={b.id} className={`cc-result cc-result--${b.status === 'confirmed' ? 'ok' : 'wait'} cc-detail__result`}>
              {nameOf(b.childId)}：
              {b.status === 'confirmed' ? '预约成功' : b.status === 'applied' ? '已提交抽签申请，截止后公开抽签' : `已满，候补第 ${b.position} 位`}
              {b.claim ? claimLine(b.claim) : ''}
            </View>
          ))
        : null}

      {result ? (
        <Btn className='cc-detail__go-mine' kind='secondary' onClick={() => Taro.navigateTo({ url: CC.mine })}>
          查看我的预约
        </Btn>
      ) : untilOpen > 0 ? (
        <Btn disabled>{`${beijingDateTime(cls.opensAt)} 开放`}</Btn>
      ) : closed ? (
        <Btn disabled>报名已截止</Btn>
      ) : (
        <Btn className='cc-detail__book' loading={booking.busy} disabled={!children.length} onClick={submit}>
          {booking.busy
            ? '正在提交…'
            : lottery
              ? '申请抽签'
              : cls.remaining > 0 || (reserveOpen && claim && (cls.priority?.remaining ?? 0) > 0)
                ? '立即报名'
                : '排队候补'}
        </Btn>
      )}
    </>
  )
}

/** What a claim means for this booking, in one sentence after the result. */
function claimLine(c: ClaimView): string {
  if (c.state === 'verified')
    return `（${c.pool === 'priority' ? '使用优先名额，' : ''}「${c.label}」资格${c.auto ? '已按入会信息自动核实' : '已核实'}）`
  return `（${c.pool === 'priority' ? '使用优先名额，' : ''}「${c.label}」资格${CLAIM_STATE_LABELS[c.state]}，工会核实后会通知您）`
}

/**
 * The ballot anyone can check. The list of applications in drawn order is shown plainly; the commitment, the seed and
 * the steps to recompute (which need words like SHA-256) stay behind 「如何验证公平」.
 */
function BallotCard({ lottery }: { lottery: LotteryInfo }) {
  const mine = new Set(lottery.mine ?? [])
  const [how, setHow] = useState(false)
  return (
    <View className='card cc-rules cc-ballot'>
      <Text className='cc-title'>抽签公开核验</Text>
      {lottery.order ? (
        <View className='cc-ballot__list'>
          <Text className='cc-rule'>
            抽签顺序（共 {lottery.order.length} 份申请
            {lottery.priorityPlaces ? `，优先名额 ${lottery.priorityPlaces} 个，标「优先」的是资格已核实的申请` : ''}）：
          </Text>
          {lottery.order.map((e, i) => (
            <View key={e.ticket} className={`cc-ballot__row${mine.has(e.ticket) ? ' cc-ballot__row--mine' : ''}`}>
              <Text className='cc-ballot__n'>{i + 1}</Text>
              <Text className='cc-ballot__ticket'>{e.ticket}</Text>
              <Text>
                {e.children} 个孩子{e.priority ? ' · 优先' : ''} · {e.result === 'confirmed' ? '中签' : '候补'}
                {mine.has(e.ticket) ? '（您的申请）' : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : lottery.seed ? (
        <Text className='muted'>本班在公开编号功能上线前抽签，没有编号表；结果以当时公布的抽签结果为准。</Text>
      ) : (
        <Text className='muted'>报名截止后抽签，届时在这里公布全部申请的编号和顺序。抽签用的随机数在报名开始前就已锁定，谁都改不了。</Text>
      )}
      <Text className='cc-ballot__how' onClick={() => setHow((v) => !v)}>
        {how ? '收起' : '如何验证公平'} ›
      </Text>
      {how ? (
        <View className='cc-ballot__steps'>
          <Text className='cc-rule'>种子承诺：{lottery.seedHash}</Text>
          {lottery.seed ? <Text className='cc-rule'>已公开种子：{lottery.seed}</Text> : null}
          {lottery.recipe.map((r, i) => (
            <Text key={i} className='cc-rule cc-ballot__step'>
              {i + 1}. {r}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
