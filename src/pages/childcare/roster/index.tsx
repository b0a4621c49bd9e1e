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
import type { Roster } from '@/contracts/childcare/schemas'
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

  const c = roster.class
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
