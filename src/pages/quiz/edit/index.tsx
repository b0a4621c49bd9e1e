import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { call } from '@/api/client'
import { quizApi } from '@/contracts/quiz/api'
import {
  PRIZE_KINDS,
  PRIZE_KIND_LABELS,
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  WEIGHT_TOTAL,
  upsertCampaignInput,
  type ImportReport,
  type PrizeKind,
  type QuestionType,
} from '@/contracts/quiz/schemas'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { scrollToFirstError } from '@/utils/nav'
import { uploadSheet } from '@/utils/sheet'
import SheetPicker from '@/components/SheetPicker'
import type { LocalFile } from '@/utils/upload'
import { QUESTION_FILE_EXTS, questionFileProblem } from '../shared/file'
import './index.scss'
import { beijingDateTime, fromBeijingDateTime } from '@/contracts/time'

const KEYS = 'ABCDEF'
interface QForm {
  id?: string
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string
}
interface PForm {
  name: string
  kind: PrizeKind
  quantity: string
  weight: string
}
const emptyQuestion = (): QForm => ({ type: 'single', stem: '', options: ['', '', '', ''], answer: [], explanation: '' })

/** 答题活动 create/edit: settings, the question bank, the prize pool, import from CSV/Excel, close early. */
export default function QuizEditPage() {
  return <RoleGate spec={quizApi.upsertCampaign}>{() => <Edit />}</RoleGate>
}

function Edit() {
  const routeId = useRouter().params.id ?? ''
  const [id, setId] = useState(routeId)
  const [loading, setLoading] = useState(!!routeId)
  const [loadError, setLoadError] = useState('')
  const [f, setF] = useState({
    title: '',
    description: '',
    startAt: beijingDateTime(new Date().toISOString()),
    endAt: beijingDateTime(new Date(Date.now() + 30 * 86400e3).toISOString()),
    audience: 'all' as 'all' | 'members',
    questionsPerAttempt: '10',
    timeLimitMin: '10',
    passScore: '6',
    attemptsPerDay: '3',
    drawsPerPass: '1',
    dailyPrizeCap: '',
    showRanking: false,
  })
  const [questions, setQuestions] = useState<QForm[]>([])
  const [prizes, setPrizes] = useState<PForm[]>([{ name: '', kind: 'phone_credit', quantity: '10', weight: '1000' }])
  const [meta, setMeta] = useState<{ seedHash: string; state: string; prizesLocked: boolean; startLocked: boolean } | null>(null)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  const [csv, setCsv] = useState('')
  const [report, setReport] = useState<ImportReport | null>(null)
  const [importError, setImportError] = useState('')
  const [importing, setImporting] = useState(false)

  const load = async (cid: string) => {
    setLoading(true)
    setLoadError('')
    const r = await call('quiz', 'getCampaign', { id: cid })
    setLoading(false)
    if (!r.ok) return setLoadError(r.error.message)
    const c = r.data
    setF({
      title: c.title,
      description: c.description,
      startAt: beijingDateTime(c.startAt),
      endAt: beijingDateTime(c.endAt),
      audience: c.audience,
      questionsPerAttempt: String(c.questionsPerAttempt),
      timeLimitMin: String(c.timeLimitSec / 60),
      passScore: String(c.passScore),
      attemptsPerDay: String(c.attemptsPerDay),
      drawsPerPass: String(c.drawsPerPass),
      dailyPrizeCap: c.dailyPrizeCap ? String(c.dailyPrizeCap) : '',
      showRanking: c.showRanking,
    })
    setQuestions(c.questions.map((q) => ({ ...q, options: q.type === 'judge' ? [] : q.options })))
    setPrizes(c.prizes.map((p) => ({ name: p.name, kind: p.kind, quantity: String(p.quantity), weight: String(p.weight) })))
    setMeta({ seedHash: c.seedHash, state: c.state, prizesLocked: c.prizesLocked, startLocked: c.startLocked })
  }
  useEffect(() => {
    if (routeId) void load(routeId)
  }, [routeId])

  if (loading) return <StateView kind='loading' title='正在加载…' />
  if (loadError) return <StateView kind='error' title='加载失败' detail={loadError} actions={[{ text: '重试', onClick: () => void load(id) }]} />

  const set = (k: keyof typeof f, v: string | boolean) => setF((x) => ({ ...x, [k]: v }))
  const setQ = (i: number, patch: Partial<QForm>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)))
  const setP = (i: number, patch: Partial<PForm>) => setPrizes((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)))
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s))
  const weightSum = prizes.reduce((s, p) => s + (Number(p.weight) || 0), 0)

  const payload = () => ({
    ...(id ? { id } : {}),
    title: f.title,
    description: f.description,
    startAt: fromBeijingDateTime(f.startAt),
    endAt: fromBeijingDateTime(f.endAt),
    audience: f.audience,
    questionsPerAttempt: num(f.questionsPerAttempt),
    timeLimitSec: Math.round(num(f.timeLimitMin) * 60),
    passScore: num(f.passScore),
    attemptsPerDay: num(f.attemptsPerDay),
    drawsPerPass: num(f.drawsPerPass),
    ...(f.dailyPrizeCap.trim() ? { dailyPrizeCap: num(f.dailyPrizeCap) } : {}),
    showRanking: f.showRanking,
    questions: questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      type: q.type,
      stem: q.stem,
      options: q.type === 'judge' ? [] : q.options.filter((o) => o.trim()),
      answer: q.answer,
      explanation: q.explanation,
    })),
    ...(meta?.prizesLocked ? {} : { prizes: prizes.map((p) => ({ name: p.name, kind: p.kind, quantity: num(p.quantity), weight: num(p.weight) })) }),
  })

  const save = async () => {
    setFormError('')
    const data = payload()
    const parsed = check(upsertCampaignInput, data)
    if (!parsed.ok) {
      setErrors(parsed.errors)
      setFormError('有内容需要修改，见标红处')
      scrollToFirstError()
      return
    }
    setErrors({})
    setSaving(true)
    const r = await call('quiz', 'upsertCampaign', data)
    setSaving(false)
    if (!r.ok) {
      setErrors(toFieldMessages(r.error.fields))
      setFormError(r.error.message)
      return
    }
    setId(r.data.id)
    await load(r.data.id)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  const runImport = async (source: { fileId: string } | { csv: string }, fileName?: string) => {
    setImportError('')
    setReport(null)
    setImporting(true)
    const r = await call('quiz', 'importQuestions', { campaignId: id, ...source })
    setImporting(false)
    if (!r.ok) {
      const text = r.error.fields?.[0]?.message ?? r.error.message
      return setImportError(fileName ? `「${fileName}」：${text}` : text)
    }
    setReport(r.data)
    await load(id)
  }

  /** The file goes to storage first; the import call then carries only its id. */
  const importFile = async (picked: LocalFile | null) => {
    if (!picked || importing) return
    const problem = questionFileProblem(picked)
    if (problem) return setImportError(problem)
    setImportError('')
    setImporting(true)
    const up = await uploadSheet(picked)
    setImporting(false)
    if (!up.ok) return setImportError(up.message)
    await runImport({ fileId: up.fileId }, picked.name)
  }

  const close = async () => {
    const ok = await Taro.showModal({
      title: '提前结束',
      content: '结束后不能再答题和抽奖，并会公布随机种子供大家核验。确定结束吗？',
      confirmText: '结束',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    const r = await call('quiz', 'closeCampaign', { id })
    if (!r.ok) return setFormError(r.error.message)
    await load(id)
  }

  /** 再办一期: an ended campaign never reopens (its seed is public); a copy with a new seed does. */
  const again = async () => {
    const ok = await Taro.showModal({
      title: '再办一期',
      content: '将复制本活动的设置、题库和奖品，生成一个新活动（新的抽奖种子，奖品按原数量重新备货）。复制后请修改时间再保存。',
      confirmText: '复制',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    const r = await call('quiz', 'copyCampaign', { id })
    if (!r.ok) return setFormError(r.error.message)
    void Taro.redirectTo({ url: `/pages/quiz/edit/index?id=${encodeURIComponent(r.data.id)}` })
  }

  const ended = meta?.state === 'ended'
  const e = (path: string) => errors[path]
  // A list's own error (「至少一个奖品」), not one of an item's, which shows beside that item.
  const listError = (path: string) => (Object.keys(errors).some((k) => k.startsWith(`${path}.`)) ? undefined : errors[path])
  return (
    <View className='page quiz-edit'>
      {meta ? (
        <View className='card'>
          <Text className='muted'>种子摘要（已公开，不可更改）</Text>
          <Text className='quiz-hash quiz-edit-hash'>{meta.seedHash}</Text>
          {ended ? (
            <Text className='muted quiz-block quiz-edit-ended'>
              活动已结束，抽奖种子已公布，不能再延期或重新开始。想接着办，请点下方「再办一期」复制成新活动。
            </Text>
          ) : meta.startLocked ? (
            <Text className='muted quiz-block'>已有人抽奖：开始时间、奖品和权重已锁定，结束时间仍可调整。</Text>
          ) : null}
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>基本设置</Text>
        <Field label='活动名称' name='title' required error={e('title')}>
          <Input
            className='field__input'
            value={f.title}
            maxlength={40}
            placeholder='如：劳动法律知识竞赛'
            onInput={(ev) => set('title', ev.detail.value)}
          />
        </Field>
        <Field label='活动说明' name='description' error={e('description')}>
          <Textarea
            className='field__textarea'
            value={f.description}
            maxlength={500}
            placeholder='选填'
            onInput={(ev) => set('description', ev.detail.value)}
          />
        </Field>
        <View className='quiz-edit-grid'>
          <Field label='开始时间' name='startAt' required error={e('startAt')} hint='北京时间，如 2026-12-01 09:00'>
            <Input className='field__input' value={f.startAt} disabled={meta?.startLocked} onInput={(ev) => set('startAt', ev.detail.value)} />
          </Field>
          <Field label='结束时间' name='endAt' required error={e('endAt')}>
            <Input className='field__input' value={f.endAt} disabled={ended} onInput={(ev) => set('endAt', ev.detail.value)} />
          </Field>
        </View>
        <Field label='参与对象' name='audience' required error={e('audience')}>
          <Choice
            options={
              [
                { key: 'all', label: '所有职工' },
                { key: 'members', label: '仅工会会员' },
              ] as const
            }
            value={f.audience}
            onChange={(k) => set('audience', k)}
          />
        </Field>
        <View className='quiz-edit-grid'>
          <Field label='每次题数' name='questionsPerAttempt' required error={e('questionsPerAttempt')}>
            <Input
              className='field__input'
              type='number'
              value={f.questionsPerAttempt}
              onInput={(ev) => set('questionsPerAttempt', ev.detail.value)}
            />
          </Field>
          <Field label='限时（分钟）' name='timeLimit' required error={e('timeLimitSec')}>
            <Input className='field__input' type='digit' value={f.timeLimitMin} onInput={(ev) => set('timeLimitMin', ev.detail.value)} />
          </Field>
          <Field label='及格题数' name='passScore' required error={e('passScore')}>
            <Input className='field__input' type='number' value={f.passScore} onInput={(ev) => set('passScore', ev.detail.value)} />
          </Field>
          <Field label='每天答题次数' name='attemptsPerDay' required error={e('attemptsPerDay')}>
            <Input className='field__input' type='number' value={f.attemptsPerDay} onInput={(ev) => set('attemptsPerDay', ev.detail.value)} />
          </Field>
          <Field label='及格一次抽奖几次' name='drawsPerPass' required error={e('drawsPerPass')}>
            <Input className='field__input' type='number' value={f.drawsPerPass} onInput={(ev) => set('drawsPerPass', ev.detail.value)} />
          </Field>
          <Field label='每天发奖上限' name='dailyPrizeCap' error={e('dailyPrizeCap')} hint='不填则不限'>
            <Input className='field__input' type='number' value={f.dailyPrizeCap} onInput={(ev) => set('dailyPrizeCap', ev.detail.value)} />
          </Field>
        </View>
        <Check checked={f.showRanking} onChange={(v) => set('showRanking', v)}>
          显示排行榜（成绩优先，用时短者在前）
        </Check>
      </View>

      <View className='card'>
        <Text className='section-title'>
          奖品（权重合计 {weightSum} / {WEIGHT_TOTAL}，其余为谢谢参与）
        </Text>
        {meta?.prizesLocked ? <Text className='muted'>活动已开始，奖品和权重不能再改。</Text> : null}
        {listError('prizes') ? <Text className='quiz-error'>{listError('prizes')}</Text> : null}
        {prizes.map((p, i) => (
          <View key={i} className='quiz-edit-item quiz-edit-prize'>
            <Field label={`奖品 ${i + 1}`} name={`prize-${i}`} error={e(`prizes.${i}.name`)}>
              <Input
                className='field__input'
                value={p.name}
                disabled={meta?.prizesLocked}
                placeholder='如：20 元话费'
                onInput={(ev) => setP(i, { name: ev.detail.value })}
              />
            </Field>
            <Choice
              options={PRIZE_KINDS.map((k) => ({ key: k, label: PRIZE_KIND_LABELS[k] }))}
              value={p.kind}
              onChange={(k) => !meta?.prizesLocked && setP(i, { kind: k })}
            />
            <View className='quiz-edit-grid'>
              <Field label='数量' name={`prize-${i}-quantity`} error={e(`prizes.${i}.quantity`)}>
                <Input
                  className='field__input'
                  type='number'
                  disabled={meta?.prizesLocked}
                  value={p.quantity}
                  onInput={(ev) => setP(i, { quantity: ev.detail.value })}
                />
              </Field>
              <Field label='权重（万分之）' name={`prize-${i}-weight`} error={e(`prizes.${i}.weight`)}>
                <Input
                  className='field__input'
                  type='number'
                  disabled={meta?.prizesLocked}
                  value={p.weight}
                  onInput={(ev) => setP(i, { weight: ev.detail.value })}
                />
              </Field>
            </View>
            {!meta?.prizesLocked ? (
              <Text className='quiz-edit-link' onClick={() => setPrizes((ps) => ps.filter((_, j) => j !== i))}>
                删除这个奖品
              </Text>
            ) : null}
          </View>
        ))}
        {!meta?.prizesLocked ? (
          <Btn kind='ghost' size='sm' onClick={() => setPrizes((ps) => [...ps, { name: '', kind: 'goods', quantity: '10', weight: '500' }])}>
            添加奖品
          </Btn>
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>题库（{questions.length} 题）</Text>
        {questions.map((q, i) => (
          <View key={q.id ?? `new-${i}`} className='quiz-edit-item quiz-edit-question'>
            <Choice
              options={QUESTION_TYPES.map((t) => ({ key: t, label: QUESTION_TYPE_LABELS[t] }))}
              value={q.type}
              onChange={(t) => setQ(i, { type: t, answer: [], options: t === 'judge' ? [] : q.options.length ? q.options : ['', '', '', ''] })}
            />
            <Field label={`第 ${i + 1} 题`} name={`q-${i}`} error={e(`questions.${i}.stem`)}>
              <Textarea
                className='field__textarea'
                value={q.stem}
                maxlength={300}
                placeholder='题干'
                onInput={(ev) => setQ(i, { stem: ev.detail.value })}
              />
            </Field>
            {(q.type === 'judge' ? ['正确', '错误'] : q.options).map((o, k) => (
              <View key={k} className='quiz-edit-opt'>
                <View
                  className={`quiz-edit-mark ${q.answer.includes(k) ? 'quiz-edit-mark--on' : ''}`}
                  onClick={() =>
                    setQ(i, {
                      answer: q.type === 'multiple' ? (q.answer.includes(k) ? q.answer.filter((a) => a !== k) : [...q.answer, k].sort()) : [k],
                    })
                  }
                >
                  {KEYS[k]}
                </View>
                {q.type === 'judge' ? (
                  <Text>{o}</Text>
                ) : (
                  <Input
                    className='field__input'
                    value={o}
                    placeholder={`选项 ${KEYS[k]}`}
                    onInput={(ev) => setQ(i, { options: q.options.map((x, j) => (j === k ? ev.detail.value : x)) })}
                  />
                )}
              </View>
            ))}
            <Text className='muted'>点字母设为正确答案{q.type === 'multiple' ? '（可多选）' : ''}</Text>
            {e(`questions.${i}.answer`) || e(`questions.${i}.options`) ? (
              <Text className='quiz-error'>{e(`questions.${i}.answer`) || e(`questions.${i}.options`)}</Text>
            ) : null}
            <Field label='解析' name={`q-${i}-explanation`} error={e(`questions.${i}.explanation`)}>
              <Textarea
                className='field__textarea'
                value={q.explanation}
                maxlength={500}
                placeholder='选填，交卷后展示'
                onInput={(ev) => setQ(i, { explanation: ev.detail.value })}
              />
            </Field>
            <Text className='quiz-edit-link' onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
              删除这道题
            </Text>
          </View>
        ))}
        <Btn kind='ghost' size='sm' className='quiz-add-question' onClick={() => setQuestions((qs) => [...qs, emptyQuestion()])}>
          添加题目
        </Btn>
      </View>

      {formError ? <Text className='quiz-error quiz-form-error'>{formError}</Text> : null}
      <Btn className='quiz-save' disabled={saving} onClick={save}>
        {saving ? '正在保存…' : id ? '保存修改' : '创建活动'}
      </Btn>

      {id ? (
        <View className='card'>
          <Text className='section-title'>从 Excel / CSV 导入题目</Text>
          <Text className='muted'>
            表头：题型,题干,选项,答案,解析。选项用 | 分隔（或分列 选项A…选项F），答案写字母（如 A、AC），判断题写 正确/错误。导入的题目追加到题库。
          </Text>
          <SheetPicker exts={QUESTION_FILE_EXTS} label='选择 .xlsx 或 .csv 文件' busy={importing} onPick={(f) => void importFile(f)} />
          <Textarea
            className='field__textarea quiz-import-text'
            value={csv}
            maxlength={-1}
            placeholder='或把 CSV 内容粘贴到这里'
            onInput={(ev) => setCsv(ev.detail.value)}
          />
          <Btn kind='secondary' size='sm' className='quiz-import-run' disabled={!csv.trim() || importing} onClick={() => runImport({ csv })}>
            {importing ? '正在导入…' : '导入粘贴的内容'}
          </Btn>
          {importError ? <Text className='quiz-error'>{importError}</Text> : null}
          {report ? (
            <View className='quiz-import-report'>
              <Text>
                成功导入 {report.added} 题{report.rows.some((r) => !r.ok) ? `，${report.rows.filter((r) => !r.ok).length} 行未导入：` : '。'}
              </Text>
              {report.rows
                .filter((r) => !r.ok)
                .map((r) => (
                  <Text key={r.row} className='quiz-import-report__bad'>
                    {'\n'}第 {r.row} 行「{r.stem || '（空）'}」：{r.errors.join('；')}
                  </Text>
                ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {id ? (
        <View className='row-actions'>
          <Btn kind='secondary' onClick={() => Taro.navigateTo({ url: `/pages/quiz/stats/index?id=${encodeURIComponent(id)}` })}>
            统计与导出
          </Btn>
          {ended ? (
            <Btn className='quiz-again' onClick={again}>
              再办一期
            </Btn>
          ) : (
            <Btn kind='danger' onClick={close}>
              提前结束
            </Btn>
          )}
        </View>
      ) : null}
    </View>
  )
}
