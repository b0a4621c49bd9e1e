import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import SheetPicker from '@/components/SheetPicker'
import { useMutation, useMutationWith } from '@/data'
import { uploadSheet } from '@/utils/sheet'
import type { LocalFile } from '@/utils/upload'
import type { ApiResult } from '@/contracts/result'
import type { ImportReport } from '@/contracts/quiz/schemas'
import { QUESTION_FILE_EXTS, questionFileProblem } from '../shared/file'

/** Questions from an .xlsx/.csv (uploaded to storage first, then imported by its id) or pasted CSV, reported row by row. */
export default function ImportCard({ campaignId, onImported }: { campaignId: string; onImported: () => void }) {
  const [csv, setCsv] = useState('')
  const [fileName, setFileName] = useState('')
  const [problem, setProblem] = useState('')
  const [report, setReport] = useState<ImportReport | null>(null)
  const importing = useMutation('quiz', 'importQuestions', {
    onSuccess: (r) => {
      setReport(r)
      onImported()
    },
  })
  const upload = useMutationWith(async (file: LocalFile): Promise<ApiResult<{ fileId: string }>> => {
    const up = await uploadSheet(file)
    return up.ok ? { ok: true, data: { fileId: up.fileId } } : { ok: false, error: { code: 'VALIDATION_FAILED', message: up.message } }
  })
  const busy = importing.busy || upload.busy

  const importFile = async (picked: LocalFile) => {
    setReport(null)
    const bad = questionFileProblem(picked)
    setFileName(picked.name)
    setProblem(bad ?? '')
    if (bad) return
    const up = await upload.run(picked)
    if (up?.ok) await importing.run({ campaignId, fileId: up.data.fileId, replace: false })
  }
  const pasted = () => {
    setFileName('')
    setProblem('')
    setReport(null)
    void importing.run({ campaignId, csv, replace: false })
  }

  const failure = problem || upload.error?.message || (importing.error ? (importing.error.fields?.[0]?.message ?? importing.error.message) : '')
  return (
    <View className='card'>
      <Text className='section-title'>从 Excel / CSV 导入题目</Text>
      <Text className='muted'>
        表头：题型,题干,选项,答案,解析。选项用 | 分隔（或分列 选项A…选项F），答案写字母（如 A、AC），判断题写 正确/错误。导入的题目追加到题库。
      </Text>
      <SheetPicker exts={QUESTION_FILE_EXTS} label='选择 .xlsx 或 .csv 文件' busy={busy} onPick={(f) => void importFile(f)} />
      <Textarea
        className='field__textarea quiz-import-text'
        value={csv}
        maxlength={-1}
        placeholder='或把 CSV 内容粘贴到这里'
        onInput={(ev) => setCsv(ev.detail.value)}
      />
      <Btn kind='secondary' size='sm' className='quiz-import-run' disabled={!csv.trim()} loading={busy} onClick={pasted}>
        导入粘贴的内容
      </Btn>
      {failure ? <Text className='quiz-error'>{fileName ? `「${fileName}」：${failure}` : failure}</Text> : null}
      {report ? <ImportResult report={report} /> : null}
    </View>
  )
}

function ImportResult({ report }: { report: ImportReport }) {
  const bad = report.rows.filter((r) => !r.ok)
  return (
    <View className='quiz-import-report'>
      <Text>
        成功导入 {report.added} 题{bad.length ? `，${bad.length} 行未导入：` : '。'}
      </Text>
      {bad.map((r) => (
        <Text key={r.row} className='quiz-import-report__bad'>
          {'\n'}第 {r.row} 行「{r.stem || '（空）'}」：{r.errors.join('；')}
        </Text>
      ))}
    </View>
  )
}
