import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import Choice from '@/components/Choice'
import DateTimePicker, { DatePicker, TimePicker } from '@/components/DateTimePicker'
import EnumPicker from '@/components/EnumPicker'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { childcareApi } from '@/contracts/childcare/api'
import { GRADE_LABELS, TERMS, type Term } from '@/contracts/childcare/rules'
import { PRIORITY_GROUPS, type PriorityGroup } from '@/contracts/childcare/priority'
import { upsertClassInput, type ClassDetail } from '@/contracts/childcare/schemas'
import { beijingDateTime, beijingDay } from '@/contracts/time'
import { useForm, useMutation, useQuery } from '@/data'
import { goBackOr } from '@/utils/nav'
import { CC } from '../shared'
import './index.scss'

const GRADES = GRADE_LABELS.slice(1)
type GradeName = (typeof GRADES)[number]

interface Values {
  term: Term | ''
  title: string
  site: string
  address: string
  startDate: string
  endDate: string
  dailyFrom: string
  dailyTo: string
  gradeMin: GradeName | ''
  gradeMax: GradeName | ''
  capacity: string
  /** 'YYYY-MM-DD HH:mm', Beijing time */
  opensAt: string
  closesAt: string
  cancelBefore: string
  fee: string
  description: string
  notice: string
  audience: 'all' | 'members'
  allocation: 'fcfs' | 'lottery'
  /** 优先名额: none chosen means every place is open to all */
  priorityGroups: PriorityGroup[]
  priorityPlaces: string
  priorityRelease: string
  /** 服务街道 by name ('' none): registrants of interest there are told when the class opens */
  area: string
}

/** A starting text staff edit: what most unions' 告家长书 say (安全、接送、请假、费用). */
const NOTICE_TEMPLATE = [
  '尊敬的家长：',
  '1. 请按时接送孩子，接送人须为报名时登记的接送人；临时换人请提前告知带班老师。',
  '2. 孩子身体不适请在家休息，并在当天入园前向老师请假；连续缺勤可能影响下一期报名。',
  '3. 请如实填写健康申报，过敏、慢性病等情况请告诉老师。',
  '4. 请教育孩子遵守纪律、注意安全，不带贵重物品和危险物品。',
  '5. 托管期间如遇突发情况，老师会第一时间联系您，请保持电话畅通。',
].join('\n')

const EMPTY: Values = {
  term: '',
  title: '',
  site: '',
  area: '',
  address: '',
  startDate: '',
  endDate: '',
  dailyFrom: '08:30',
  dailyTo: '17:30',
  gradeMin: '',
  gradeMax: '',
  capacity: '30',
  opensAt: '',
  closesAt: '',
  cancelBefore: '',
  fee: '0',
  description: '',
  notice: NOTICE_TEMPLATE,
  audience: 'all',
  allocation: 'fcfs',
  priorityGroups: [],
  priorityPlaces: '',
  priorityRelease: '',
}

const TERM_OPTIONS = TERMS.map((t) => ({ key: t, label: t === '课后' ? '课后托管' : t }))
const AUDIENCES = [
  { key: 'all', label: '全体职工' },
  { key: 'members', label: '仅工会会员' },
] as const
const ALLOCATIONS = [
  { key: 'fcfs', label: '先到先得' },
  { key: 'lottery', label: '公开抽签' },
] as const

/** The pickers' Beijing 'YYYY-MM-DD HH:mm' as the instant the contract takes; nothing chosen stays missing. */
const instant = (s: string) => (s ? `${s.replace(' ', 'T')}:00+08:00` : undefined)
const gradeNumber = (g: GradeName | '') => (g ? GRADES.indexOf(g) + 1 : undefined)

function toValues(c: ClassDetail): Values {
  const [from = '', to = ''] = c.dailyHours.split('-')
  return {
    term: c.term,
    title: c.title,
    site: c.site,
    address: c.address,
    startDate: c.startDate,
    endDate: c.endDate,
    dailyFrom: from.trim(),
    dailyTo: to.trim(),
    gradeMin: GRADES[c.gradeMin - 1] ?? '',
    gradeMax: GRADES[c.gradeMax - 1] ?? '',
    capacity: String(c.capacity),
    opensAt: beijingDateTime(c.opensAt),
    closesAt: beijingDateTime(c.closesAt),
    cancelBefore: beijingDateTime(c.cancelBefore),
    fee: String(c.fee),
    description: c.description,
    notice: c.notice?.text ?? '',
    audience: c.audience,
    allocation: c.allocation,
    priorityGroups: c.priority?.groups.map((g) => g.key) ?? [],
    priorityPlaces: c.priority ? String(c.priority.places) : '',
    priorityRelease: c.priority?.releaseAt ? beijingDateTime(c.priority.releaseAt) : '',
    area: c.areaName ?? '',
  }
}

export default function EditClassPage() {
  return <RoleGate spec={childcareApi.upsertClass}>{() => <Edit />}</RoleGate>
}

function Edit() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const existing = useQuery('childcare', 'getClass', { id }, { enabled: !!id, reloadOnShow: false })
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑托管班' : '新建托管班' }).catch(() => undefined)
  }, [id])
  if (!id) return <ClassForm />
  return (
    <View className='page'>
      <PageState query={existing}>{(c) => <ClassForm cls={c} />}</PageState>
    </View>
  )
}

/** 新建 / 编辑托管班: dates and times from WeChat's wheels in Beijing time, grades by name. */
function ClassForm({ cls }: { cls?: ClassDetail }) {
  // 服务街道 come from 组织架构 (the same list parents register interest by)
  const options = useQuery('childcare', 'intentOptions', {}, { reloadOnShow: false })
  const areas = options.data?.areas ?? []
  const areaNames = ['不限街道', ...areas.map((a) => a.name)]
  const form = useForm({
    initial: () => (cls ? toValues(cls) : EMPTY),
    schema: upsertClassInput,
    toInput: (v: Values) => ({
      ...(cls ? { id: cls.id } : {}),
      // null, not undefined: the contract takes a missing term as 暑期 (older callers); here staff choose.
      term: v.term || null,
      title: v.title,
      site: v.site,
      // the list not loaded yet: leave the stored area as it is
      ...(options.data ? { areaId: v.area && v.area !== '不限街道' ? (areas.find((a) => a.name === v.area)?.id ?? '') : null } : {}),
      address: v.address,
      startDate: v.startDate || undefined,
      endDate: v.endDate || undefined,
      dailyHours: v.dailyFrom && v.dailyTo ? `${v.dailyFrom}-${v.dailyTo}` : '',
      gradeMin: gradeNumber(v.gradeMin),
      gradeMax: gradeNumber(v.gradeMax),
      capacity: v.capacity,
      opensAt: instant(v.opensAt),
      closesAt: instant(v.closesAt),
      cancelBefore: instant(v.cancelBefore),
      fee: v.fee || 0,
      description: v.description,
      notice: v.notice,
      audience: v.audience,
      allocation: v.allocation,
      priority: v.priorityGroups.length
        ? {
            groups: v.priorityGroups,
            places: v.priorityPlaces,
            ...(v.allocation === 'fcfs' ? { releaseAt: instant(v.priorityRelease) } : {}),
          }
        : null,
    }),
    // Optional in the contract (older callers); every class opened on this form has one.
    refine: (_data, values) => (values.notice.trim() ? null : { notice: '请填写告家长书，家长报名前须阅读' }),
  })
  const save = useMutation('childcare', 'upsertClass', {
    success: '已保存',
    onSuccess: () => void setTimeout(() => goBackOr(CC.manage), 800),
  })
  const v = form.values
  const today = beijingDay()

  return (
    <View className='page cc-edit'>
      <View className='card'>
        <Field label='托管类型' name='term' required error={form.error('term')} hint='每个孩子每个暑期、寒假、春假或秋假、学期各报一期'>
          <Choice className='cc-edit__term' options={TERM_OPTIONS} value={v.term} onChange={(x) => form.set('term', x)} />
        </Field>
        <TextField
          label='班级名称'
          name='title'
          required
          className='cc-edit__title'
          value={v.title}
          onInput={(x) => form.set('title', x)}
          error={form.error('title')}
          maxlength={40}
          placeholder='如：职工之家暑期托管班（第一期）'
        />
        <TextField
          label='托管点'
          name='site'
          required
          className='cc-edit__site'
          value={v.site}
          onInput={(x) => form.set('site', x)}
          error={form.error('site')}
          maxlength={40}
        />
        <Field label='服务街道' name='areaId' error={form.error('areaId')} hint='登记了这个街道意向、时段和年级相符的家长，开班时先收到通知'>
          <EnumPicker
            className='cc-edit__area'
            options={areaNames}
            value={v.area}
            placeholder='选择街道/乡镇'
            onChange={(x) => form.set('area', x)}
          />
        </Field>
        <TextField
          label='地址'
          name='address'
          required
          className='cc-edit__address'
          value={v.address}
          onInput={(x) => form.set('address', x)}
          error={form.error('address')}
          maxlength={80}
        />
        <Field label='开班日期' name='startDate' required error={form.error('startDate')}>
          <DatePicker
            className='cc-edit__start'
            value={v.startDate}
            start={today}
            onChange={(d) => form.patch(v.endDate && v.endDate < d ? { startDate: d, endDate: '' } : { startDate: d })}
          />
        </Field>
        <Field label='结束日期' name='endDate' required error={form.error('endDate')} hint='只算周一至周五'>
          <DatePicker className='cc-edit__end' value={v.endDate} start={v.startDate || today} onChange={(d) => form.set('endDate', d)} />
        </Field>
        <Field label='每日时段' name='dailyHours' required error={form.error('dailyHours')}>
          <View className='cc-edit__hours'>
            <View className='cc-edit__half'>
              <TimePicker className='cc-edit__from' value={v.dailyFrom} placeholder='开始' onChange={(t) => form.set('dailyFrom', t)} />
            </View>
            <Text className='cc-edit__to-word'>至</Text>
            <View className='cc-edit__half'>
              <TimePicker className='cc-edit__to' value={v.dailyTo} placeholder='结束' onChange={(t) => form.set('dailyTo', t)} />
            </View>
          </View>
        </Field>
        <Field
          label='招收年级'
          name='gradeMin'
          required
          error={form.error('gradeMin') ?? form.error('gradeMax')}
          hint='按孩子刚读完（暑假）或正在读的年级'
        >
          <View className='cc-edit__hours'>
            <View className='cc-edit__half'>
              <EnumPicker
                className='cc-edit__grade-min'
                options={GRADES}
                value={v.gradeMin}
                placeholder='最低年级'
                onChange={(g) => form.set('gradeMin', g)}
              />
            </View>
            <Text className='cc-edit__to-word'>至</Text>
            <View className='cc-edit__half'>
              <EnumPicker
                className='cc-edit__grade-max'
                options={GRADES}
                value={v.gradeMax}
                placeholder='最高年级'
                onChange={(g) => form.set('gradeMax', g)}
              />
            </View>
          </View>
        </Field>
        <TextField
          label='名额'
          name='capacity'
          required
          type='number'
          className='cc-edit__capacity'
          value={v.capacity}
          onInput={(x) => form.set('capacity', x)}
          error={form.error('capacity')}
        />
        <Field label='开放报名时间' name='opensAt' required error={form.error('opensAt')} hint='北京时间，以服务器时间为准'>
          <DateTimePicker className='cc-edit__opens' value={v.opensAt} start={today} onChange={(x) => form.set('opensAt', x)} />
        </Field>
        <Field label='报名截止时间' name='closesAt' required error={form.error('closesAt')}>
          <DateTimePicker
            className='cc-edit__closes'
            value={v.closesAt}
            start={v.opensAt.slice(0, 10) || today}
            defaultTime='18:00'
            onChange={(x) => form.set('closesAt', x)}
          />
        </Field>
        <Field label='取消截止时间' name='cancelBefore' required error={form.error('cancelBefore')} hint='不晚于开班当天 0 点'>
          <DateTimePicker
            className='cc-edit__cancel'
            value={v.cancelBefore}
            start={today}
            end={v.startDate || undefined}
            // 0 点: on the start day itself that is the only valid time, and on an earlier day it means 「前一天结束」.
            defaultTime='00:00'
            onChange={(x) => form.set('cancelBefore', x)}
          />
        </Field>
        <TextField
          label='费用（元）'
          name='fee'
          type='digit'
          value={v.fee}
          onInput={(x) => form.set('fee', x)}
          error={form.error('fee')}
          hint='免费填 0'
        />
        <Field label='报名对象' name='audience' required>
          <Choice options={AUDIENCES} value={v.audience} onChange={(x) => form.set('audience', x)} />
        </Field>
        <Field label='分配方式' name='allocation' required hint='抽签：开放期内申请，截止后公开抽签'>
          <Choice options={ALLOCATIONS} value={v.allocation} onChange={(x) => form.set('allocation', x)} />
        </Field>
        <Field
          label='优先名额'
          name='priority'
          error={form.error('priority.groups')}
          hint='可选：为下列群体预留一部分名额，家长报名时申请，工会核实（新就业形态劳动者按入会信息自动核实）'
        >
          <View className='cc-edit__priority'>
            {PRIORITY_GROUPS.map((g) => (
              <Check
                key={g.key}
                className={`cc-edit__priority-${g.key}`}
                checked={v.priorityGroups.includes(g.key)}
                onChange={(on) => form.set('priorityGroups', on ? [...v.priorityGroups, g.key] : v.priorityGroups.filter((k) => k !== g.key))}
              >
                <Text>{g.label}</Text>
              </Check>
            ))}
          </View>
        </Field>
        {v.priorityGroups.length ? (
          <TextField
            label='优先名额数'
            name='priority.places'
            required
            type='number'
            className='cc-edit__priority-places'
            value={v.priorityPlaces}
            onInput={(x) => form.set('priorityPlaces', x)}
            error={form.error('priority.places')}
            hint='从总名额中预留，不另加'
          />
        ) : null}
        {v.priorityGroups.length && v.allocation === 'fcfs' ? (
          <Field
            label='优先名额释放时间'
            name='priority.releaseAt'
            required
            error={form.error('priority.releaseAt')}
            hint='到时未用完的优先名额并入普通名额，先给候补；会写在报名规则里告诉家长'
          >
            <DateTimePicker
              className='cc-edit__priority-release'
              value={v.priorityRelease}
              start={v.opensAt.slice(0, 10) || today}
              defaultTime='09:00'
              onChange={(x) => form.set('priorityRelease', x)}
            />
          </Field>
        ) : null}
        <Field label='课程内容' name='description' error={form.error('description')}>
          <Textarea className='field__textarea' value={v.description} maxlength={1000} onInput={(e) => form.set('description', e.detail.value)} />
        </Field>
        <Field label='告家长书' name='notice' required error={form.error('notice')} hint='家长报名前须阅读并勾选；修改后按新版本重新确认'>
          <Textarea
            className='field__textarea cc-edit__notice'
            value={v.notice}
            maxlength={3000}
            onInput={(e) => form.set('notice', e.detail.value)}
          />
        </Field>
      </View>
      <FormError message={form.formError} />
      <Btn className='cc-edit__save' loading={save.busy} onClick={() => form.submit((data) => save.run(data))}>
        保存
      </Btn>
    </View>
  )
}
