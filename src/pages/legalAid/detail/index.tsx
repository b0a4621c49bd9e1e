import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import NoticeReminder from '@/components/NoticeReminder'
import type { NoticeKey } from '@/contracts/notices'
import { askForNotices } from '@/api/subscribe'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { useMe } from '@/hooks/useMe'
import {
  CATEGORY_LABELS,
  FORMS,
  FORM_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  STATUS_LABELS,
  type AidForm,
  type CaseDetail,
  type LawyerOption,
  type Outcome,
} from '@/contracts/legalAid/schemas'
import { canStep } from '@/contracts/legalAid/states'
import { openFile } from '../shared/files'
import { STATUS_TONE, deadlineDay } from '../shared/format'
import './index.scss'
import { beijingMonthDayTime } from '@/contracts/time'

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; c: CaseDetail }
type Result = Awaited<ReturnType<typeof call<'legalAid', 'get'>>>

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return (await Taro.showModal({ title, content, confirmText, confirmColor: '#C8102E', cancelText: '取消' })).confirm
}

/** What a case sends its applicant; asked for together, WeChat allows three at once. */
const CASE_NOTICES: NoticeKey[] = ['legal_aid_update', 'legal_aid_message']
export default function CaseDetailPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { me } = useMe()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [busy, setBusy] = useState(false)
  const [text, setText] = useState('')
  const [note, setNote] = useState('')
  const [form, setForm] = useState<AidForm | ''>('')
  const [outcome, setOutcome] = useState<Outcome | ''>('')
  const [amount, setAmount] = useState('')
  const [score, setScore] = useState(0)
  const [lawyers, setLawyers] = useState<LawyerOption[] | null>(null)
  const [error, setError] = useState('')

  const reload = async () => {
    const r = await call('legalAid', 'get', { id })
    setLoad(r.ok ? { kind: 'ok', c: r.data } : { kind: 'error', message: r.error.message })
  }
  useDidShow(() => void reload())

  /** Runs one change; the answer is the case as it now stands. */
  const act = async (run: () => Promise<Result>, done: string) => {
    if (busy) return
    setBusy(true)
    setError('')
    const r = await run()
    setBusy(false)
    if (!r.ok) {
      setError(r.error.fields?.[0]?.message ?? r.error.message)
      return
    }
    setLoad({ kind: 'ok', c: r.data })
    setNote('')
    setText('')
    Taro.showToast({ title: done, icon: 'success' })
  }

  if (load.kind === 'loading')
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载…' />
      </View>
    )
  if (load.kind === 'error')
    return (
      <View className='page'>
        <StateView kind='error' title='打不开这个案件' detail={load.message} actions={[{ text: '重试', onClick: () => void reload() }]} />
      </View>
    )
  const c = load.c
  const role = c.viewerRole === 'applicant' ? 'applicant' : c.viewerRole
  const isAdmin = !!me?.roles.includes('admin')
  const caseOpen = c.status !== 'closed' && c.status !== 'declined'

  // The applicant's reply is the tap where WeChat lets us renew the one-time subscription for the next update.
  const sendMessage = async () => {
    if (role === 'applicant' && caseOpen) await askForNotices(CASE_NOTICES)
    await act(() => call('legalAid', 'message', { caseId: c.id, text }), '已发送')
  }
  const accept = async () => {
    if (!form) return setError('请选择援助形式')
    if (await confirm('受理这个案件？', `援助形式：${FORM_LABELS[form]}。受理后需在期限内指派律师。`, '受理'))
      await act(() => call('legalAid', 'accept', { id: c.id, form, note }), '已受理')
  }
  const decline = async () => {
    if (note.trim().length < 4) return setError('请在意见栏写明不予受理的理由（至少 4 个字），申请人会看到')
    if (await confirm('不予受理？', `理由：${note}\n申请人会收到通知并看到理由。`, '不予受理'))
      await act(() => call('legalAid', 'decline', { id: c.id, reason: note }), '已处理')
  }
  const showLawyers = async () => {
    const r = await call('legalAid', 'lawyers', { id: c.id })
    if (!r.ok) return setError(r.error.message)
    setLawyers(r.data.items)
  }
  const assign = async (l: LawyerOption) => {
    if (await confirm(`指派${l.name}？`, '律师会收到通知，并能查看案件和证据。', '指派')) {
      await act(() => call('legalAid', 'assign', { id: c.id, lawyerOpenid: l.openid }), '已指派')
      setLawyers(null)
    }
  }
  const start = () => act(() => call('legalAid', 'transition', { id: c.id, to: 'in_progress', note }), '已开始办理')
  const close = async () => {
    if (!outcome) return setError('请选择办结结果')
    if (await confirm('办结这个案件？', `结果：${OUTCOME_LABELS[outcome]}${amount ? `，挽回 ${amount} 元` : ''}。办结后不能再更改。`, '办结')) {
      await act(
        () => call('legalAid', 'transition', { id: c.id, to: 'closed', outcome, amountRecovered: amount ? Number(amount) : undefined, note }),
        '已办结',
      )
    }
  }
  const withdraw = async () => {
    if (await confirm('撤回申请？', '撤回后案件即办结，不能恢复。如需帮助可以重新申请。', '撤回'))
      await act(() => call('legalAid', 'withdraw', { id: c.id }), '已撤回')
  }
  const rate = () => act(() => call('legalAid', 'rate', { caseId: c.id, score, comment: text }), '谢谢评价')

  const open = async (f: CaseDetail['files'][number]) => {
    const err = await openFile(f)
    if (err) void Taro.showModal({ title: '打不开文件', content: err, showCancel: false, confirmText: '知道了' })
  }

  const can = (step: Parameters<typeof canStep>[0]) => canStep(step, c.status, role)

  return (
    <View className='page legal-detail'>
      <View className='card legal-detail__head'>
        <View className='legal-case__top'>
          <Text className='legal-case__category'>
            {CATEGORY_LABELS[c.category]}
            {c.urgent ? <Text className='legal-badge legal-badge--red legal-detail__urgent'>群体 {c.groupSize} 人</Text> : null}
          </Text>
          <Text className={`legal-badge legal-badge--${STATUS_TONE[c.status]} legal-detail__status`}>{STATUS_LABELS[c.status]}</Text>
        </View>
        <Text className='legal-detail__line'>用人单位：{c.employer}</Text>
        <Text className='legal-detail__line'>受理工会：{c.orgName}</Text>
        {c.form ? <Text className='legal-detail__line'>援助形式：{FORM_LABELS[c.form]}</Text> : null}
        {c.lawyerName ? <Text className='legal-detail__line'>承办律师：{c.lawyerName}</Text> : null}
        {c.outcome ? (
          <Text className='legal-detail__line'>
            结果：{OUTCOME_LABELS[c.outcome]}
            {c.amountRecovered ? `，挽回 ${c.amountRecovered} 元` : ''}
          </Text>
        ) : null}
        {c.declineReason ? <Text className='legal-detail__line legal-detail__decline'>不予受理理由：{c.declineReason}</Text> : null}
        {c.dueAt ? (
          <Text className={`legal-detail__due ${c.overdue ? 'legal-detail__due--over' : ''}`}>
            {c.status === 'submitted' ? '受理决定' : '指派律师'}期限：{deadlineDay(c.dueAt)}
            {c.overdue ? '（已逾期）' : ''}
          </Text>
        ) : null}
        {c.deadlineNote ? <Text className='legal-detail__due legal-detail__due--over'>{c.deadlineNote}</Text> : null}
      </View>

      <Text className='section-title'>案情</Text>
      <View className='card legal-detail__facts'>
        <Text className='legal-detail__label'>事实经过</Text>
        <Text className='legal-detail__text'>{c.facts}</Text>
        <Text className='legal-detail__label'>诉求</Text>
        <Text className='legal-detail__text'>{c.claim}</Text>
        {c.amount !== null ? <Text className='legal-detail__line'>涉及金额：{c.amount} 元</Text> : null}
        <Text className='legal-detail__line'>
          联系电话：{c.phone}
          {role === 'applicant' ? '' : `（${c.applicantName}）`}
        </Text>
        {c.hardshipExempt ? <Text className='legal-detail__line legal-detail__exempt'>讨薪/工伤：免予经济困难审查</Text> : null}
      </View>

      <Text className='section-title'>证据（{c.files.length}）</Text>
      <View className='card'>
        {c.files.length ? (
          c.files.map((f) => (
            <View key={f.id} className='legal-detail__file' onClick={() => void open(f)}>
              <Text>
                <Text className='legal-detail__file-kind'>{f.type === 'application/pdf' ? 'PDF' : '图片'}</Text>
                {f.name}
              </Text>
              <Text className='muted'>{Math.max(1, Math.round(f.size / 1024))} KB · 查看</Text>
            </View>
          ))
        ) : (
          <Text className='muted'>没有上传证据</Text>
        )}
      </View>

      {role === 'applicant' && caseOpen ? <NoticeReminder notices={CASE_NOTICES} what='这个案件的每一步进度和留言' /> : null}

      <Text className='section-title'>进度</Text>
      <View className='card legal-timeline'>
        {c.timeline.map((t, i) => (
          <View key={i} className='legal-timeline__item'>
            <View className='legal-timeline__dot' />
            <View className='legal-timeline__body'>
              <Text className='legal-timeline__note'>{t.note}</Text>
              <Text className='muted'>
                {beijingMonthDayTime(t.at)} · {t.by}
              </Text>
            </View>
          </View>
        ))}
      </View>

      <Text className='section-title'>留言</Text>
      <View className='card legal-messages'>
        {c.messages.length ? null : <Text className='muted'>还没有留言</Text>}
        {c.messages.map((m, i) => (
          <View key={i} className={`legal-message ${m.mine ? 'legal-message--mine' : ''}`}>
            <Text className='legal-message__who'>
              {m.mine ? '我' : m.fromName} · {beijingMonthDayTime(m.at)}
            </Text>
            <Text className='legal-message__text'>{m.text}</Text>
          </View>
        ))}
        {c.status !== 'declined' ? (
          <View className='legal-messages__compose'>
            <Textarea
              className='legal-messages__input'
              value={text}
              maxlength={500}
              placeholder={role === 'applicant' ? '给承办律师或工会留言' : '给申请人留言'}
              onInput={(e) => setText(e.detail.value)}
            />
            <Btn size='sm' className='legal-messages__send' disabled={busy || !text.trim()} onClick={sendMessage}>
              发送
            </Btn>
          </View>
        ) : null}
      </View>

      {error ? <Text className='legal-detail__error'>{error}</Text> : null}

      {role !== 'applicant' && (can('accept') || can('start') || can('close')) ? (
        <View className='card legal-detail__actions'>
          {can('accept') ? (
            <>
              <Text className='legal-detail__label'>援助形式</Text>
              <View className='legal-chips'>
                {FORMS.map((f) => (
                  <Text key={f} className={`legal-chip legal-chip--form-${f} ${form === f ? 'legal-chip--on' : ''}`} onClick={() => setForm(f)}>
                    {FORM_LABELS[f]}
                  </Text>
                ))}
              </View>
            </>
          ) : null}
          {can('close') ? (
            <>
              <Text className='legal-detail__label'>办结结果</Text>
              <View className='legal-chips'>
                {OUTCOMES.filter((o) => o !== 'withdrawn').map((o) => (
                  <Text key={o} className={`legal-chip ${outcome === o ? 'legal-chip--on' : ''}`} onClick={() => setOutcome(o)}>
                    {OUTCOME_LABELS[o]}
                  </Text>
                ))}
              </View>
              <Input
                className='legal-detail__input'
                type='digit'
                value={amount}
                placeholder='挽回金额（元，选填）'
                onInput={(e) => setAmount(e.detail.value)}
              />
            </>
          ) : null}
          <Textarea
            className='legal-detail__note'
            value={note}
            maxlength={300}
            placeholder={can('accept') ? '受理意见；不予受理时写明理由' : '办理说明（选填）'}
            onInput={(e) => setNote(e.detail.value)}
          />
          <View className='legal-detail__buttons'>
            {can('accept') ? (
              <Btn className='legal-detail__accept' disabled={busy} onClick={accept}>
                受理
              </Btn>
            ) : null}
            {can('decline') ? (
              <Btn kind='secondary' className='legal-detail__decline-btn' disabled={busy} onClick={decline}>
                不予受理
              </Btn>
            ) : null}
            {can('start') ? (
              <Btn className='legal-detail__start' disabled={busy} onClick={start}>
                开始办理
              </Btn>
            ) : null}
            {can('close') ? (
              <Btn className='legal-detail__close' disabled={busy} onClick={close}>
                办结
              </Btn>
            ) : null}
          </View>
        </View>
      ) : null}

      {role === 'staff' && can('assign') ? (
        <View className='card legal-detail__actions'>
          <Text className='legal-detail__label'>{c.lawyerName ? `改派律师（现为${c.lawyerName}）` : '指派律师'}</Text>
          {lawyers === null ? (
            <Btn kind='secondary' className='legal-detail__choose-lawyer' onClick={() => void showLawyers()}>
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
      ) : null}

      {role === 'applicant' && c.status === 'closed' && c.outcome !== 'withdrawn' ? (
        <View className='card legal-detail__actions'>
          {c.rating ? (
            <Text>
              您的评价：{'★'.repeat(c.rating.score)}
              {c.rating.comment ? ` ${c.rating.comment}` : ''}
            </Text>
          ) : (
            <>
              <Text className='legal-detail__label'>给这次法律援助打分</Text>
              <View className='legal-stars'>
                {[1, 2, 3, 4, 5].map((s) => (
                  <Text key={s} className={`legal-star ${s <= score ? 'legal-star--on' : ''}`} onClick={() => setScore(s)}>
                    ★
                  </Text>
                ))}
              </View>
              <Btn disabled={busy || !score} onClick={rate}>
                提交评价
              </Btn>
            </>
          )}
        </View>
      ) : null}

      {role === 'applicant' && canStep('withdraw', c.status, 'applicant') ? (
        <Btn kind='ghost' className='legal-detail__withdraw' disabled={busy} onClick={withdraw}>
          撤回申请
        </Btn>
      ) : null}

      {isAdmin && role === 'staff' ? (
        <Btn
          kind='ghost'
          className='legal-detail__access'
          onClick={() => Taro.navigateTo({ url: `/pages/legalAid/access/index?id=${encodeURIComponent(c.id)}` })}
        >
          查看访问记录
        </Btn>
      ) : null}
    </View>
  )
}
