import { Text, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import EnumPicker from '@/components/EnumPicker'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import PickerBox from '@/components/PickerBox'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import Choice from '@/components/Choice'
import { fetchQuery, call } from '@/api/client'
import { askForNotices } from '@/api/subscribe'
import { maskIdNumber } from '@/contracts/membership/idcard'
import { EDUCATIONS, ETHNICITIES, HUKOU_TYPES, NEW_EMPLOYMENT_TYPES, POLITICAL_STATUSES, PRIVACY_NOTICE } from '@/contracts/membership/options'
import { applyInput, type MembershipOptions, type MyApplication } from '@/contracts/membership/schemas'
import type { DriveInfo } from '@/contracts/membership/drives'
import type { ApiResult } from '@/contracts/result'
import { useForm, useMutation, useQueryWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { EMPTY_FORM, formFromApplication, fromIdNumber, toApplyInput } from './form'
import PhoneBlock from './PhoneBlock'
import PrivacyBlock from './PrivacyBlock'
import { MEMBERSHIP_HOME } from '../shared/urls'
import './index.scss'

const NEW_EMPLOYMENT_LABELS = NEW_EMPLOYMENT_TYPES.map((n) => n.label)

/** Back to the status page: pop to it when it is underneath (it reloads on show), or open it fresh. */
function goToStatus() {
  const pages = Taro.getCurrentPages()
  const prev = pages[pages.length - 2]
  if (prev?.route?.includes('membership/index/index')) Taro.navigateBack()
  else Taro.redirectTo({ url: MEMBERSHIP_HOME })
}

interface Loaded {
  options: MembershipOptions
  app: MyApplication | null
  /** 集中入会: the event the form was opened for (a scanned code) */
  drive: DriveInfo | null
}

/** The form needs both the choices and whether there is already an application: one state for the two reads. */
async function loadAll(code: string): Promise<ApiResult<Loaded>> {
  const [options, mine, drive] = await Promise.all([
    fetchQuery('membership', 'options'),
    fetchQuery('membership', 'myStatus'),
    code ? fetchQuery('membership', 'driveInfo', { code }) : Promise.resolve(null),
  ])
  if (!options.ok) return options
  if (!mine.ok) return mine
  // A stale or mistyped code: the ordinary form, routed as usual, rather than no form at all.
  return { ok: true, data: { options: options.data, app: mine.data.application, drive: drive?.ok ? drive.data : null } }
}

export default function ApplyPage() {
  // Not reloaded on show: coming back from WeChat's phone sheet must not reset what was typed.
  const { params } = useRouter()
  // A scanned code arrives as `scene` (WeChat's 小程序码) or `drive` (the path's query).
  const code = decodeURIComponent(params.drive ?? params.scene ?? '').trim()
  const loaded = useQueryWith(() => loadAll(code), [code], { reloadOnShow: false, pullToRefresh: false })
  useReady(() => {
    // After the page config's title is applied; H5 would put the config title back otherwise.
    Taro.setNavigationBarTitle({ title: '申请入会' })
  })
  return (
    <View className='page apply'>
      <PageState query={loaded}>
        {({ options, app, drive }) =>
          app && (app.status === 'pending' || app.status === 'approved') ? (
            <StateView
              kind='info'
              title={app.status === 'approved' ? '您已经是工会会员' : '您的申请正在审核中'}
              detail={`受理工会：${app.org.name}`}
              actions={[{ text: '查看申请进度', onClick: goToStatus }]}
            />
          ) : (
            <ApplyForm options={options} drive={drive} fixing={app?.status === 'rejected' ? app : null} />
          )
        }
      </PageState>
    </View>
  )
}

function ApplyForm({ options, drive, fixing }: { options: MembershipOptions; drive: DriveInfo | null; fixing: MyApplication | null }) {
  const form = useForm({
    initial: () => {
      const base = fixing ? formFromApplication(fixing) : EMPTY_FORM
      return drive?.employer ? { ...base, employer: drive.employer } : base
    },
    schema: applyInput,
    toInput: (v) => ({ ...toApplyInput(v), ...(drive ? { drive: drive.code } : {}) }),
  })
  const v = form.values
  const apply = useMutation('membership', 'apply', {
    success: '申请已提交',
    // The form is done: the page closes, so the button stays busy-looking until then.
    onSuccess: () => void setTimeout(goToStatus, 1000),
    onError: (e) => {
      if (e.code === 'CONFLICT') void explainConflict(e.message)
    },
  })

  const submit = () =>
    form.submit(async (d) => {
      const ok = await confirm({
        title: fixing ? '确认重新提交？' : '确认提交入会申请？',
        content: `姓名：${d.name}\n身份证号：${maskIdNumber(d.idNumber)}\n工作单位：${d.employer}\n提交后由工会审核，审核结果会通知您。`,
        confirmText: '提交',
        danger: true,
        cancelText: '再看看',
      })
      if (!ok) return null
      // WeChat lets a page ask for subscriptions only in the chain of a tap: the confirm tap is the last one
      // before the review result, which arrives as the membership_review notice.
      await askForNotices(['membership_review'])
      return apply.run(d)
    })

  const derived = fromIdNumber(v.idNumber)
  const regionIndex = options.regions.findIndex((r) => r.id === v.region)
  const employerText = v.employer.trim()
  const suggestions = options.employers.filter((e) => e !== employerText && (!employerText || e.includes(employerText))).slice(0, 6)

  return (
    <>
      {drive ? (
        <View className='apply__drive'>
          <Text className='apply__drive-title'>{drive.event}</Text>
          <Text className='apply__drive-note'>通过集中入会活动申请，由{drive.orgName}受理</Text>
        </View>
      ) : null}
      {fixing ? (
        <View className='apply__fixing'>
          <Text className='apply__fixing-title'>上次申请被驳回，请修改后重新提交</Text>
          {fixing.rejectReason ? <Text className='apply__fixing-reason'>驳回原因：{fixing.rejectReason}</Text> : null}
          <Text className='apply__fixing-note'>为保护您的信息，身份证号和手机号需要重新填写。</Text>
        </View>
      ) : null}

      <View className='card apply__section apply__section--basic'>
        <Text className='apply__section-title'>基本信息</Text>
        <TextField
          label='姓名'
          name='name'
          required
          error={form.error('name')}
          className='apply__name'
          value={v.name}
          maxlength={30}
          placeholder='与身份证一致'
          onInput={(x) => form.set('name', x)}
        />
        <TextField
          label='身份证号'
          name='idNumber'
          required
          error={form.error('idNumber')}
          className='apply__id-number'
          // weapp's idcard keyboard has the X key; the browser has no such type.
          type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
          value={v.idNumber}
          maxlength={18}
          placeholder='18 位居民身份证号'
          onInput={(x) => form.set('idNumber', x)}
        />
        <View className='apply__derived'>
          <View className='apply__derived-item'>
            <Text className='apply__derived-key'>性别</Text>
            <Text className={`apply__derived-value apply__gender ${derived ? '' : 'apply__derived-value--empty'}`}>{derived?.gender ?? '—'}</Text>
          </View>
          <View className='apply__derived-item'>
            <Text className='apply__derived-key'>出生日期</Text>
            <Text className={`apply__derived-value apply__birth ${derived ? '' : 'apply__derived-value--empty'}`}>{derived?.birth ?? '—'}</Text>
          </View>
          <Text className='apply__derived-note'>{derived ? '由身份证号自动识别' : '填写身份证号后自动识别'}</Text>
        </View>
        <Field label='民族' name='ethnicity' required error={form.error('ethnicity')}>
          <EnumPicker className='apply__ethnicity' options={ETHNICITIES} value={v.ethnicity} onChange={(x) => form.set('ethnicity', x)} />
        </Field>
        <PhoneBlock
          masked={v.phoneMasked}
          error={form.error('phone') ?? form.error('phoneVerificationId')}
          onVerified={(p) => form.patch({ phoneVerificationId: p.verificationId, phoneMasked: p.phoneMasked })}
          onClear={() => form.patch({ phoneVerificationId: '', phoneMasked: '' })}
        />
        <Field label='学历' name='education' required error={form.error('education')}>
          <EnumPicker className='apply__education' options={EDUCATIONS} value={v.education} onChange={(x) => form.set('education', x)} />
        </Field>
        <Field label='政治面貌' name='politicalStatus' required error={form.error('politicalStatus')}>
          <EnumPicker
            className='apply__political'
            options={POLITICAL_STATUSES}
            value={v.politicalStatus}
            onChange={(x) => form.set('politicalStatus', x)}
          />
        </Field>
      </View>

      <View className='card apply__section apply__section--work'>
        <Text className='apply__section-title'>工作信息</Text>
        <TextField
          label='工作单位'
          name='employer'
          required
          error={form.error('employer')}
          className='apply__employer'
          value={v.employer}
          maxlength={60}
          placeholder='单位全称'
          onInput={(x) => form.set('employer', x)}
          hint={
            suggestions.length ? (
              <View className='apply__employers'>
                <Text>已建工会的单位：</Text>
                {suggestions.map((e) => (
                  <Text key={e} className='apply__employer-chip' onClick={() => form.set('employer', e)}>
                    {e}
                  </Text>
                ))}
              </View>
            ) : (
              '填写单位全称；快递、外卖等平台从业者可填所在站点或平台名称'
            )
          }
        />
        <TextField
          label='职业/工种'
          name='occupation'
          required
          error={form.error('occupation')}
          className='apply__occupation'
          value={v.occupation}
          maxlength={30}
          placeholder='如：快递员、车工、会计'
          onInput={(x) => form.set('occupation', x)}
        />
        <Field label='所在地区' name='region' required error={form.error('region')} hint='工作所在的镇（街道），用于确定由哪个工会受理'>
          <PickerBox
            className='apply__region'
            range={options.regions.map((r) => r.name)}
            value={regionIndex}
            onChange={(i) => form.set('region', options.regions[i]?.id ?? '')}
          />
        </Field>
      </View>

      <View className='card apply__section apply__section--hukou'>
        <Text className='apply__section-title'>户籍与就业</Text>
        <Field label='户籍类型' name='hukouType' required error={form.error('hukouType')}>
          <Choice options={HUKOU_TYPES} value={v.hukouType} onChange={(k) => form.set('hukouType', k)} className='apply__hukou' />
        </Field>
        <Field
          label='是否新就业形态劳动者'
          name='newEmploymentType'
          required
          error={form.error('newEmploymentType')}
          hint='快递员、外卖骑手、网约车司机、货车司机等通过平台接单的劳动者，请选择对应类型'
        >
          <PickerBox
            className='apply__new-employment'
            range={NEW_EMPLOYMENT_LABELS}
            value={NEW_EMPLOYMENT_TYPES.findIndex((n) => n.key === v.newEmploymentType)}
            onChange={(i) => form.set('newEmploymentType', NEW_EMPLOYMENT_TYPES[i].key)}
          />
        </Field>
      </View>

      <PrivacyBlock
        notice={options.privacyNotice || PRIVACY_NOTICE}
        consent={v.consent}
        error={form.error('consent')}
        onChange={(x) => form.set('consent', x)}
      />

      <FormError message={form.formError} />

      <Btn className='apply__submit' loading={apply.busy} onClick={submit}>
        {apply.busy ? '正在提交…' : fixing ? '重新提交申请' : '提交申请'}
      </Btn>
    </>
  )
}

/**
 * 「查看进度」 only when there is a progress to look at: an ID number already used by someone else's application
 * is a conflict too, for a caller who has none of their own.
 */
async function explainConflict(message: string) {
  const mine = await call('membership', 'myStatus')
  if (!(mine.ok && mine.data.application)) return void alert('无法提交', message)
  const view = await confirm({ title: '无法提交', content: message, confirmText: '查看进度', cancelText: '知道了' })
  if (view) goToStatus()
}
