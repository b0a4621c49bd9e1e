import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { fetchQuery } from '@/api/client'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { messagesApi } from '@/contracts/messages/api'
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  publishAnnouncementInput,
  type AnnouncementAudience,
  type AnnouncementDetail,
} from '@/contracts/messages/schemas'
import type { ApiResult } from '@/contracts/result'
import { useForm, useMutation, useQueryWith } from '@/data'
import { confirm } from '@/utils/dialog'
import './index.scss'

type Options = { orgName: string; countyWide: boolean }
type Values = { title: string; body: string; pinned: boolean; audience: AnnouncementAudience }
type Loaded = { options: Options; existing: AnnouncementDetail | null }

const announcementUrl = (id: string) => `/pages/messages/announcement/index?id=${encodeURIComponent(id)}`

/** What the form starts from: what this person may publish, and the announcement being edited. */
async function loadForm(id: string | undefined): Promise<ApiResult<Loaded>> {
  const options = await fetchQuery('messages', 'publishOptions', {})
  if (!options.ok || !id) return options.ok ? { ok: true, data: { options: options.data, existing: null } } : options
  const existing = await fetchQuery('messages', 'announcement', { id })
  if (!existing.ok) return existing
  if (!existing.data.canManage) return { ok: false, error: { code: 'FORBIDDEN', message: '这条公告由其他工会发布，您不能修改' } }
  return { ok: true, data: { options: options.data, existing: existing.data } }
}

function PublishForm({ id, options, existing }: { id?: string } & Loaded) {
  const form = useForm({
    initial: (): Values =>
      existing
        ? { title: existing.title, body: existing.body, pinned: existing.pinned, audience: existing.audience }
        : { title: '', body: '', pinned: false, audience: 'members' },
    schema: publishAnnouncementInput,
    toInput: (v: Values) => ({ ...(id ? { id } : {}), ...v }),
  })
  const publish = useMutation('messages', 'publishAnnouncement', {
    success: id ? '已保存' : '已发布',
    onSuccess: (res) => void Taro.redirectTo({ url: announcementUrl(res.id) }),
  })
  const { values } = form

  const submit = () =>
    form.submit(async (data) => {
      const ok = await confirm(
        id
          ? { title: '保存修改？', content: '修改后职工看到的是新内容。', confirmText: '保存' }
          : {
              title: '发布这条公告？',
              content:
                data.audience === 'county'
                  ? '发布后全县职工都能在首页和「通知公告」中看到。'
                  : `发布后${options.orgName || '本工会'}的会员能在首页和「通知公告」中看到。`,
              confirmText: '发布',
            },
      )
      return ok ? publish.run(data) : null
    })

  return (
    <View className='publish'>
      <View className='card'>
        <TextField
          label='标题'
          name='title'
          required
          value={values.title}
          maxlength={ANNOUNCEMENT_TITLE_MAX}
          placeholder={`不超过 ${ANNOUNCEMENT_TITLE_MAX} 个字`}
          error={form.error('title')}
          onInput={(v) => form.set('title', v)}
        />
        <Field label='正文' name='body' required error={form.error('body')} hint={`${values.body.length}/${ANNOUNCEMENT_BODY_MAX}`}>
          <Textarea
            className='field__textarea publish__body'
            value={values.body}
            maxlength={ANNOUNCEMENT_BODY_MAX}
            placeholder='时间、地点、对象、办理方式，写清楚即可'
            onInput={(e) => form.set('body', e.detail.value)}
          />
        </Field>
        {options.countyWide ? (
          <Check
            className='publish__audience'
            checked={values.audience === 'county'}
            onChange={(v) => form.set('audience', v ? 'county' : 'members')}
          >
            <Text>面向全县职工（不勾选则只发给{options.orgName}会员）</Text>
          </Check>
        ) : (
          <View className='publish__scope'>
            <Text>发布范围：{options.orgName}会员（面向全县的公告由县总工会发布）</Text>
          </View>
        )}
        <Check className='publish__pinned' checked={values.pinned} onChange={(v) => form.set('pinned', v)}>
          <Text>置顶（在{values.audience === 'county' ? '全县职工' : '本工会会员'}的首页和列表最前面）</Text>
        </Check>
      </View>
      <FormError message={form.formError} />
      <Btn className='publish__submit' loading={publish.busy} onClick={submit}>
        {id ? '保存修改' : '发布'}
      </Btn>
    </View>
  )
}

function Publish({ id }: { id?: string }) {
  // Loaded once: coming back to the form must not replace what is being typed.
  const loaded = useQueryWith(() => loadForm(id), [id], { reloadOnShow: false, pullToRefresh: false })
  return <PageState query={loaded}>{(d) => <PublishForm id={id} {...d} />}</PageState>
}

/** Publish a new announcement, or edit one (`?id=`): staff and admins only, as the contract says. */
export default function PublishPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  useReady(() => {
    void Promise.resolve(Taro.setNavigationBarTitle({ title: id ? '修改公告' : '发布公告' })).catch(() => undefined)
  })
  return (
    <RoleGate spec={messagesApi.publishAnnouncement}>
      {() => (
        <View className='page'>
          <Publish id={id} />
        </View>
      )}
    </RoleGate>
  )
}
