import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import EnumPicker from '@/components/EnumPicker'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import TextField from '@/components/TextField'
import { fetchQuery } from '@/api/client'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import { registerIntentInput, type IntentOptions, type IntentView } from '@/contracts/childcare/intent'
import type { ChildView } from '@/contracts/childcare/schemas'
import type { ApiResult } from '@/contracts/result'
import { beijingDateTime } from '@/contracts/time'
import { useForm, useMutation, useQueryWith } from '@/data'
import { confirm } from '@/utils/dialog'
import { CC } from '../shared'
import './index.scss'

interface Loaded {
  options: IntentOptions
  children: ChildView[]
  items: IntentView[]
}

async function fetchAll(): Promise<ApiResult<Loaded>> {
  const [options, kids, mine] = await Promise.all([
    fetchQuery('childcare', 'intentOptions'),
    fetchQuery('childcare', 'myChildren'),
    fetchQuery('childcare', 'myIntents'),
  ])
  if (!options.ok) return options
  if (!kids.ok) return kids
  if (!mine.ok) return mine
  return { ok: true, data: { options: options.data, children: kids.data.items, items: mine.data.items } }
}

/**
 * 意向登记: before any class is announced, a parent says which child needs care in which season and 街道/乡镇.
 * The union sees how many (no names), and when a matching class opens the parent is told first, before booking opens.
 */
export default function IntentPage() {
  const page = useQueryWith(fetchAll, [])
  const reload = () => page.reload(true)
  const withdrawal = useMutation('childcare', 'withdrawIntent', { success: '已撤回', onSuccess: reload })

  const withdraw = async (i: IntentView) => {
    const ok = await confirm({
      title: '撤回这条意向？',
      content: `${i.childName} · ${i.seasonLabel} · ${i.areaName}\n撤回后开班时不再先通知您。`,
      confirmText: '撤回',
      cancelText: '不撤回',
      danger: true,
    })
    if (ok) await withdrawal.run({ id: i.id })
  }

  return (
    <View className='page cc-intent'>
      <PageState query={page}>
        {(d) => (
          <>
            <View className='card cc-head'>
              <Text className='cc-title'>托管意向登记</Text>
              <Text className='muted'>
                还没开班也可以先登记：工会按登记的人数安排班级。开设时段、街道相同且年级符合的班时，会在开放报名前先在消息中心通知您。登记不等于报名，也不占名额。
              </Text>
            </View>
            {d.items.map((i) => (
              <View key={i.id} className='card cc-intent__item'>
                <Text className='cc-row__name'>
                  {i.childName} · {i.seasonLabel}
                </Text>
                <Text className='cc-line'>
                  {i.areaName} · {GRADE_LABELS[i.grade]}
                  {i.weeks ? ` · 约 ${i.weeks} 周` : ''}
                </Text>
                {i.note ? <Text className='cc-line'>{i.note}</Text> : null}
                {i.matched ? (
                  <Text className='cc-intent__matched'>
                    {beijingDateTime(i.matched.at)} 已通知：「{i.matched.title}」开班
                  </Text>
                ) : (
                  <Text className='cc-intent__matched'>等待开班</Text>
                )}
                <View className='row-actions'>
                  {i.matched ? (
                    <Btn size='sm' kind='secondary' onClick={() => void Taro.navigateTo({ url: CC.cls(i.matched!.classId) })}>
                      查看班级
                    </Btn>
                  ) : null}
                  <Btn size='sm' kind='ghost' className='cc-intent__withdraw' loading={withdrawal.busy} onClick={() => withdraw(i)}>
                    撤回
                  </Btn>
                </View>
              </View>
            ))}
            {d.children.length ? (
              <IntentForm key={d.items.length} loaded={d} onDone={reload} />
            ) : (
              <View className='card cc-children__empty'>
                <Text className='cc-row__name'>请先添加孩子信息</Text>
                <Text className='muted'>登记意向需要选择孩子（按孩子的年级统计）。</Text>
                <Btn size='sm' className='cc-intent__children' onClick={() => void Taro.navigateTo({ url: CC.children })}>
                  添加孩子
                </Btn>
              </View>
            )}
          </>
        )}
      </PageState>
    </View>
  )
}

interface Values {
  child: string
  season: string
  area: string
  weeks: string
  note: string
}

function IntentForm({ loaded, onDone }: { loaded: Loaded; onDone: () => void }) {
  const childLabels = loaded.children.map((c) => `${c.name}（${GRADE_LABELS[c.grade]}）`)
  const seasonLabels = loaded.options.seasons.map((s) => s.label)
  const areaNames = loaded.options.areas.map((a) => a.name)
  const form = useForm({
    initial: { child: childLabels.length === 1 ? childLabels[0] : '', season: '', area: '', weeks: '', note: '' } as Values,
    schema: registerIntentInput,
    toInput: (v: Values) => ({
      childId: loaded.children[childLabels.indexOf(v.child)]?.id ?? '',
      season: loaded.options.seasons[seasonLabels.indexOf(v.season)]?.season,
      areaId: loaded.options.areas[areaNames.indexOf(v.area)]?.id ?? '',
      weeks: v.weeks.trim() ? v.weeks.trim() : null,
      note: v.note,
    }),
  })
  const save = useMutation('childcare', 'registerIntent', { success: '已登记', onSuccess: onDone })
  const v = form.values
  return (
    <View className='card cc-intent__form'>
      <Text className='cc-row__name'>登记新的意向</Text>
      <Field label='孩子' name='childId' required error={form.error('childId')}>
        <EnumPicker
          className='cc-intent__child'
          options={childLabels}
          value={v.child}
          placeholder='选择孩子'
          onChange={(x) => form.set('child', x)}
        />
      </Field>
      <Field label='托管时段' name='season' required error={form.error('season')}>
        <EnumPicker
          className='cc-intent__season'
          options={seasonLabels}
          value={v.season}
          placeholder='选择时段'
          onChange={(x) => form.set('season', x)}
        />
      </Field>
      <Field label='街道/乡镇' name='areaId' required error={form.error('areaId')} hint='希望在哪个街道/乡镇托管'>
        <EnumPicker
          className='cc-intent__area'
          options={areaNames}
          value={v.area}
          placeholder='选择街道/乡镇'
          onChange={(x) => form.set('area', x)}
        />
      </Field>
      <TextField
        label='需要几周'
        name='weeks'
        type='number'
        className='cc-intent__weeks'
        value={v.weeks}
        maxlength={2}
        onInput={(x) => form.set('weeks', x)}
        error={form.error('weeks')}
        hint='选填，1–12 周'
      />
      <Field label='备注' name='note' error={form.error('note')} hint='选填，如接送时间'>
        <Textarea className='field__textarea' value={v.note} maxlength={200} onInput={(e) => form.set('note', e.detail.value)} />
      </Field>
      <FormError message={form.formError} />
      <Btn className='cc-intent__save' loading={save.busy} onClick={() => form.submit((data) => save.run(data))}>
        登记意向
      </Btn>
    </View>
  )
}
