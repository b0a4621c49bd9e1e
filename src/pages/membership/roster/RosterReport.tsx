import { Text, View } from '@tarojs/components'
import type { RosterReport, RosterRowStatus } from '@/contracts/membership/roster'

const DONE: Record<RosterRowStatus, string> = { created: '新增', updated: '更新', unchanged: '无变化', refused: '有问题' }
const PREVIEW: Record<RosterRowStatus, string> = { created: '将新增', updated: '将更新', unchanged: '无变化', refused: '有问题' }
const ORDER: RosterRowStatus[] = ['created', 'updated', 'unchanged', 'refused']

/** The counts, then every row: its number, the person (身份证号 masked), what happens and, when refused, which column says why. */
export default function RosterReportView({ report }: { report: RosterReport }) {
  const labels = report.dryRun ? PREVIEW : DONE
  return (
    <View className='roster-report'>
      <Text className='section-title'>{report.dryRun ? '预览（尚未导入）' : '导入结果'}</Text>
      {report.dryRun ? <Text className='muted roster-report__note'>核对每一行，无误后点「确认导入」；有问题的行不会导入。</Text> : null}
      <View className='card'>
        <View className='roster-report__counts'>
          {ORDER.map((k) => (
            <View key={k} className={`roster-count roster-count--${k}`}>
              <Text className='roster-count__num'>{report[k]}</Text>
              <Text className='roster-count__label'>{labels[k]}</Text>
            </View>
          ))}
        </View>
        {report.skipped ? <Text className='muted'>已跳过 {report.skipped} 行示例。</Text> : null}
        {report.rows.map((r) => (
          <View key={r.row} className={`roster-row roster-row--${r.status}`}>
            <View className='roster-row__main'>
              <Text className='roster-row__no'>第{r.row}行</Text>
              <View className='roster-row__who'>
                <Text className='roster-row__name'>{r.name || '（未填姓名）'}</Text>
                {r.idNumberMasked ? <Text className='roster-row__id'>{r.idNumberMasked}</Text> : null}
              </View>
              <Text className={`roster-row__status roster-row__status--${r.status}`}>{labels[r.status]}</Text>
            </View>
            {r.memberNo && r.status !== 'refused' ? <Text className='roster-row__change'>会员编号 {r.memberNo}</Text> : null}
            {r.errors?.map((e) => (
              <Text key={e.path + e.message} className='roster-row__error'>
                {e.path}：{e.message}
              </Text>
            ))}
            {r.changes?.map((c) => (
              <Text key={c} className='roster-row__change'>
                {c}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
