import { Text, View } from '@tarojs/components'
import type { ImportStatus, OrgImportReport, SheetReport } from '@/contracts/orgs/schemas'

const DONE: Record<ImportStatus, string> = { created: '新增', updated: '更新', unchanged: '无变化', refused: '有问题' }
const PREVIEW: Record<ImportStatus, string> = { created: '将新增', updated: '将更新', unchanged: '无变化', refused: '有问题' }
const ORDER: ImportStatus[] = ['created', 'updated', 'unchanged', 'refused']

/** Per sheet: the counts, then every row with its number, what happens to it and, when refused, which column says why. */
export default function ImportReportView({ report }: { report: OrgImportReport }) {
  return (
    <View className='org-report'>
      <Text className='section-title org-report__title'>{report.dryRun ? '预览（尚未导入）' : '导入结果'}</Text>
      {report.dryRun ? <Text className='muted org-report__note'>核对每一行，无误后点「确认导入」；有问题的行不会导入。</Text> : null}
      {report.sheets.map((s) => (
        <SheetView key={s.sheet} sheet={s} labels={report.dryRun ? PREVIEW : DONE} />
      ))}
    </View>
  )
}

function SheetView({ sheet, labels }: { sheet: SheetReport; labels: Record<ImportStatus, string> }) {
  return (
    <View className={`card org-report__sheet org-report__sheet--${sheet.sheet}`}>
      <Text className='org-report__sheet-name'>工作表「{sheet.sheet}」</Text>
      {sheet.message ? <Text className='org-report__message'>{sheet.message}</Text> : null}
      <View className='org-report__counts'>
        {ORDER.map((k) => (
          <View key={k} className={`org-count org-count--${k}`}>
            <Text className='org-count__num'>{sheet[k]}</Text>
            <Text className='org-count__label'>{labels[k]}</Text>
          </View>
        ))}
      </View>
      {sheet.skipped ? <Text className='muted'>已跳过 {sheet.skipped} 行示例。</Text> : null}
      {sheet.rows.map((r) => (
        <View key={r.row} className={`org-report-row org-report-row--${r.status}`}>
          <View className='org-report-row__main'>
            <Text className='org-report-row__no'>第{r.row}行</Text>
            <Text className='org-report-row__name'>{r.name || '（无名称）'}</Text>
            <Text className={`org-report-row__status org-report-row__status--${r.status}`}>{labels[r.status]}</Text>
          </View>
          {r.errors?.map((e) => (
            <Text key={e.path + e.message} className='org-report-row__error'>
              {e.path}：{e.message}
            </Text>
          ))}
          {r.changes?.map((c) => (
            <Text key={c} className='org-report-row__change'>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
