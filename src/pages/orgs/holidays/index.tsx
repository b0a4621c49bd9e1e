import { Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import FieldError from '@/components/FieldError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { useLoader } from '@/hooks/useLoader'
import { call } from '@/api/client'
import { orgsApi } from '@/contracts/orgs/api'
import { parseNotice, saveHolidaysInput, type HolidayStatus, type HolidayYear } from '@/contracts/orgs/holidays'
import { alert, confirm } from '@/utils/dialog'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import YearCalendar from './YearCalendar'
import './index.scss'
import { beijingYear } from '@/contracts/time'

const SOURCE: Record<HolidayYear['source'], string> = {
  union: '本工会录入',
  package: '系统自带（国务院办公厅通知）',
  none: '尚未录入',
}

function DayList({ label, days, kind, onRemove }: { label: string; days: string[]; kind: 'off' | 'work'; onRemove: (d: string) => void }) {
  return (
    <View className={`holidays__list holidays__list--${kind}`}>
      <Text className='holidays__list-title'>
        {label}（{days.length} 天）
      </Text>
      <View className='holidays__chips'>
        {days.map((d) => (
          <View key={d} className={`holidays__chip holidays__chip--${kind}`} onClick={() => onRemove(d)}>
            <Text>{d.slice(5)}</Text>
            <Text className='holidays__chip-x'>×</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function Editor({ year, entry, status, onSaved }: { year: number; entry: HolidayYear; status: HolidayStatus; onSaved: () => void }) {
  const [off, setOff] = useState(entry.off)
  const [work, setWork] = useState(entry.work)
  const [notice, setNotice] = useState('')
  const [parseMsg, setParseMsg] = useState('')
  const [errors, setErrors] = useState<FieldMessages>({})
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    setOff(entry.off)
    setWork(entry.work)
    setErrors({})
  }, [entry])

  const readNotice = () => {
    const p = parseNotice(notice, year)
    if (!p.off.length && !p.work.length) return setParseMsg('没有识别出日期：请粘贴通知中「一、元旦：1月1日……放假」这样的段落')
    setOff(p.off)
    setWork(p.work)
    setErrors({})
    setParseMsg(
      `识别出放假 ${p.off.length} 天、调休上班 ${p.work.length} 天，请对照日历核对后保存。` +
        (p.problems.length ? `有 ${p.problems.length} 句没能识别：${p.problems.join('；')}` : ''),
    )
  }
  const add = (kind: 'off' | 'work', d: string) => {
    setErrors({})
    if (kind === 'off') setOff((a) => [...new Set([...a, d])].sort())
    else setWork((a) => [...new Set([...a, d])].sort())
  }

  const save = async () => {
    const checked = check(saveHolidaysInput, { year, off, work })
    if (!checked.ok) return setErrors(checked.errors)
    if (
      !(await confirm({
        title: `保存 ${year} 年节假日安排？`,
        content: `放假 ${off.length} 天，调休上班 ${work.length} 天。保存后新的法律援助期限按它计算。`,
        confirmText: '保存',
      }))
    )
      return
    setSaving(true)
    const res = await call('orgs', 'saveHolidays', checked.data)
    setSaving(false)
    if (!res.ok) {
      setErrors(toFieldMessages(res.error.fields))
      return void alert('没有保存', res.error.message)
    }
    Taro.showToast({ title: '已保存', icon: 'success', duration: 800 })
    onSaved()
  }

  return (
    <>
      {status.warning ? <Text className='holidays__warning'>{status.warning}</Text> : null}
      <View className='card holidays__source'>
        <Text>
          {year} 年：{SOURCE[entry.source]}
          {entry.updatedByName ? `（${entry.updatedByName} ${entry.updatedAt?.slice(0, 10)}）` : ''}
        </Text>
        <Text className='muted'>按工作日计算的法律援助期限使用这里的安排；没有安排的年份按自然日计算，并在案件中注明「按自然日计算」。</Text>
      </View>
      <View className='card'>
        <Text className='holidays__section'>粘贴国务院办公厅的放假通知</Text>
        <Textarea
          className='field__textarea holidays__notice'
          value={notice}
          maxlength={3000}
          placeholder='如：一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。'
          onInput={(e) => setNotice(e.detail.value)}
        />
        <Btn className='holidays__parse' kind='secondary' size='sm' onClick={readNotice}>
          识别日期
        </Btn>
        {parseMsg ? <Text className='holidays__parsed'>{parseMsg}</Text> : null}
      </View>
      <View className='card'>
        <Text className='holidays__section'>逐个添加或删除（点日期可删除）</Text>
        <View className='row-actions'>
          <Picker
            mode='date'
            value={`${year}-01-01`}
            start={`${year}-01-01`}
            end={`${year}-12-31`}
            onChange={(e) => add('off', String(e.detail.value))}
          >
            <View className='picker-box holidays__add-off'>
              <Text className='picker-box__text'>＋ 放假日</Text>
            </View>
          </Picker>
          <Picker
            mode='date'
            value={`${year}-01-01`}
            start={`${year}-01-01`}
            end={`${year}-12-31`}
            onChange={(e) => add('work', String(e.detail.value))}
          >
            <View className='picker-box holidays__add-work'>
              <Text className='picker-box__text'>＋ 调休上班日</Text>
            </View>
          </Picker>
        </View>
        <DayList label='放假' kind='off' days={off} onRemove={(d) => setOff((a) => a.filter((x) => x !== d))} />
        <FieldError message={errors.off} />
        <DayList label='调休上班' kind='work' days={work} onRemove={(d) => setWork((a) => a.filter((x) => x !== d))} />
        <FieldError message={errors.work} />
      </View>
      <View className='card'>
        <Text className='holidays__section'>预览</Text>
        <YearCalendar year={year} off={off} work={work} />
      </View>
      <Btn className='holidays__save' disabled={saving} onClick={() => void save()}>
        {saving ? '正在保存…' : `保存 ${year} 年安排`}
      </Btn>
    </>
  )
}

function Holidays() {
  const thisYear = beijingYear()
  const years = [thisYear, thisYear + 1].map((y) => ({ key: String(y), label: `${y} 年` }))
  const [year, setYear] = useState(String(thisYear + 1))
  const { state, reload } = useLoader(() => call('orgs', 'holidays', { year: Number(year) }), [year])
  return (
    <View className='page holidays'>
      <Choice className='holidays__years' options={years} value={year} onChange={setYear} />
      <PageState state={state} onRetry={() => void reload()}>
        {({ entry, status }) => <Editor year={Number(year)} entry={entry} status={status} onSaved={() => void reload(true)} />}
      </PageState>
    </View>
  )
}

export default function HolidaysPage() {
  return <RoleGate spec={orgsApi.saveHolidays}>{() => <Holidays />}</RoleGate>
}
