import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { useMutation, useQueryWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import type { Roster, RosterRow } from '@/contracts/childcare/schemas'
import { CLAIM_STATE_LABELS } from '@/contracts/childcare/priority'
import { saveDownload } from '@/utils/download'
import { BOOKING_LABEL, CC, placesLine } from '../shared'
import './index.scss'

/** 花名册: who holds a place, who waits, who came today, attendance so far; export to Excel. */
export default function RosterPage() {
  return <RoleGate spec={childcareApi.roster}>{() => <RosterLoader />}</RoleGate>
}

function RosterLoader() {
  const { params } = useRouter()
  const classId = params.id ? decodeURIComponent(params.id) : ''
  // Each look at the roster is logged (未成年人网络保护条例), so it is a mutation read with useQueryWith.
  const roster = useQueryWith(() => call('childcare', 'roster', { classId }), [classId])
  return (
    <View className='page cc-roster'>
      <PageState query={roster} loadingText='正在加载花名册…'>
        {(r) => <RosterView roster={r} reload={() => roster.reload(true)} />}
      </PageState>
    </View>
  )
}

function RosterView({ roster, reload }: { roster: Roster; reload: () => Promise<void> }) {
  const classId = roster.class.id
  const exporting = useMutation('childcare', 'exportRoster', {
    onSuccess: async (link) => {
      const saved = await saveDownload(link)
      if (!saved.ok) await alert('保存失败', saved.message)
    },
    onError: (e) => void alert('导出失败', e.message),
  })
  const drawing = useMutation('childcare', 'runLottery', {
    success: '已抽签',
    onSuccess: reload,
    onError: (e) => void alert('没有抽签', e.message),
  })

  const draw = async () => {
    const ok = await confirm({ title: '现在抽签？', content: '抽签后公开结果，不能更改。', confirmText: '抽签', danger: true })
    if (ok) await drawing.run({ classId })
  }

  const verifying = useMutation('childcare', 'verifyClaim', {
    onSuccess: async (r) => {
      if (r.state === 'refused')
        await alert(
          '已记录：不通过',
          r.status === 'confirmed'
            ? '孩子改用普通名额，预约仍然有效。'
            : r.status === 'waitlisted'
              ? '普通名额已满，孩子按报名时间排入候补。'
              : '将按普通名额参加抽签。',
        )
      await reload()
    },
    onError: (e) => void alert('没有保存', e.message),
  })
  const verify = async (r: RosterRow, approve: boolean) => {
    const what = r.claim!.label
    const ok = await confirm({
      title: approve ? `核实通过「${what}」？` : `「${what}」不通过？`,
      content: approve
        ? `${r.childName}：确认符合「${what}」条件。一起报名的兄弟姐妹一并通过。`
        : `${r.childName}：不符合「${what}」条件。${roster.class.allocation === 'lottery' ? '将按普通名额参加抽签。' : '优先名额退回；普通名额还有就改用普通名额，已满则按报名时间排入候补。'}家长会收到通知。`,
      confirmText: approve ? '通过' : '不通过',
      danger: !approve,
    })
    if (ok) await verifying.run({ bookingId: r.bookingId, approve })
  }

  const c = roster.class
  const pending = roster.rows.filter((r) => r.claim?.state === 'pending').length
  const confirmed = roster.rows.filter((r) => r.status === 'confirmed')
  return (
    <>
      <View className='card cc-head'>
        <Text className='cc-title'>{c.title}</Text>
        <Text className='cc-line'>
          {c.startDate} 至 {c.endDate} · 共 {roster.days} 天，已过 {roster.daysSoFar} 天
        </Text>
        <Text className='cc-places cc-roster__places'>{placesLine(c)}</Text>
        <Text className='cc-line cc-roster__summary'>
          已确认 {confirmed.length} · 候补 {roster.rows.length - confirmed.length} · 今日签到 {confirmed.filter((r) => r.checkedInToday).length}
        </Text>
        {c.priority ? (
          <Text className={`cc-line cc-roster__priority${pending ? ' cc-roster__priority--pending' : ''}`}>
            优先名额 {c.priority.places} 个
            {c.priority.released ? '（未用完的已并入普通名额）' : c.allocation === 'fcfs' ? `，还剩 ${c.priority.remaining} 个` : ''}
            {pending ? ` · ${pending} 个待核实` : ''}
          </Text>
        ) : null}
        <View className='cc-links'>
          <Btn size='sm' className='cc-roster__checkin' onClick={() => Taro.navigateTo({ url: CC.checkin })}>
            签到
          </Btn>
          <Btn size='sm' kind='secondary' loading={exporting.busy} onClick={() => exporting.run({ classId })}>
            {exporting.busy ? '正在导出…' : '导出 Excel'}
          </Btn>
          {c.allocation === 'lottery' && c.status === '已截止' ? (
            <Btn size='sm' kind='secondary' loading={drawing.busy} onClick={draw}>
              抽签
            </Btn>
          ) : null}
        </View>
      </View>
      {!roster.rows.length ? <StateView kind='empty' title='还没有人报名' /> : null}
      {roster.rows.length ? (
        <View className='card'>
          {roster.rows.map((r) => (
            <View key={r.bookingId} className={`cc-row cc-roster__row cc-roster__row--${r.status}`}>
              <View className='cc-row__main'>
                <Text className='cc-row__name'>{r.childName}</Text>
                <Text className='cc-line'>
                  {r.gender} · {GRADE_LABELS[r.grade] ?? r.grade} · {r.idNumberMasked} · 家长 {r.parentName || '—'}
                </Text>
                {r.health ? (
                  <Text className={`cc-line cc-roster__health${r.health.flagged ? ' cc-roster__health--flagged' : ''}`}>
                    {r.health.flagged
                      ? `健康申报：${[...r.health.no.map((x) => `否「${x}」`), r.health.note].filter(Boolean).join('；')}`
                      : '健康申报：无异常'}
                  </Text>
                ) : null}
                {r.claim ? (
                  <View className={`cc-roster__claim cc-roster__claim--${r.claim.state}`}>
                    <Text className='cc-line'>
                      优先资格「{r.claim.label}」：{r.claim.auto ? '已按入会信息自动核实' : CLAIM_STATE_LABELS[r.claim.state]}
                      {r.claim.pool === 'priority' ? ' · 占优先名额' : ''}
                    </Text>
                    {r.claim.state === 'pending' ? (
                      <View className='row-actions'>
                        <Btn size='sm' className='cc-roster__approve' loading={verifying.busy} onClick={() => verify(r, true)}>
                          核实通过
                        </Btn>
                        <Btn size='sm' kind='ghost' className='cc-roster__refuse' disabled={verifying.busy} onClick={() => verify(r, false)}>
                          不通过
                        </Btn>
                      </View>
                    ) : null}
                  </View>
                ) : null}
                {r.status === 'confirmed' ? (
                  <Text className='cc-line'>
                    出勤 {r.attended} 天 · {Math.round(r.attendanceRate * 100)}%
                  </Text>
                ) : null}
              </View>
              <Text className={`cc-badge cc-badge--${r.status === 'confirmed' ? (r.checkedInToday ? 'green' : 'grey') : 'amber'} cc-roster__state`}>
                {r.status === 'confirmed'
                  ? r.checkedInToday
                    ? '今日已签到'
                    : '未签到'
                  : r.status === 'waitlisted'
                    ? `候补 ${r.position}`
                    : BOOKING_LABEL[r.status]}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  )
}
