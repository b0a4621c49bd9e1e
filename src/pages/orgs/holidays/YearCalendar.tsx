import { Text, View } from '@tarojs/components'
import { weekday } from '@/contracts/orgs/holidays'

interface Props {
  year: number
  off: string[]
  work: string[]
}

const pad = (n: number) => String(n).padStart(2, '0')
const HEAD = ['一', '二', '三', '四', '五', '六', '日']

/** The preview: every month of the year that has an entry, 休 (red) for days off and 班 (amber) for makeup days. */
export default function YearCalendar({ year, off, work }: Props) {
  const offSet = new Set(off)
  const workSet = new Set(work)
  const months = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => [...off, ...work].some((d) => d.startsWith(`${year}-${pad(m)}-`)))
  if (!months.length) return <Text className='muted holidays__none'>还没有日期。粘贴通知或逐个添加后，这里按月显示。</Text>
  return (
    <View className='holidays__months'>
      {months.map((m) => {
        const first = `${year}-${pad(m)}-01`
        const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
        const lead = (weekday(first) + 6) % 7 // Monday first
        return (
          <View key={m} className='holidays__month'>
            <Text className='holidays__month-title'>{m} 月</Text>
            <View className='holidays__grid'>
              {HEAD.map((h) => (
                <Text key={h} className='holidays__head'>
                  {h}
                </Text>
              ))}
              {Array.from({ length: lead }, (_, i) => (
                <View key={`b${i}`} className='holidays__cell' />
              ))}
              {Array.from({ length: days }, (_, i) => {
                const d = `${year}-${pad(m)}-${pad(i + 1)}`
                const kind = offSet.has(d) ? 'off' : workSet.has(d) ? 'work' : ''
                return (
                  <View key={d} className={`holidays__cell ${kind ? `holidays__cell--${kind}` : ''}`}>
                    <Text className='holidays__day'>{i + 1}</Text>
                    {kind ? <Text className='holidays__mark'>{kind === 'off' ? '休' : '班'}</Text> : null}
                  </View>
                )
              })}
            </View>
          </View>
        )
      })}
    </View>
  )
}
