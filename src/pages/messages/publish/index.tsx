import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Btn from '@/components/Btn'
import Check from '@/components/Check'
import Field from '@/components/Field'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import TextField from '@/components/TextField'
import { messagesApi } from '@/contracts/messages/api'
import { ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_TITLE_MAX, publishAnnouncementInput, type AnnouncementAudience } from '@/contracts/messages/schemas'
import type { ApiError } from '@/contracts/result'
import { alert, confirm } from '@/utils/dialog'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { scrollToFirstError } from '@/utils/nav'
import { announcementUrl, fetchAnnouncement, fetchPublishOptions, publishAnnouncement } from '../shared/api'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready' }
type Options = { orgName: string; countyWide: boolean }

function PublishForm({ id }: { id?: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [options, setOptions] = useState<Options>({ orgName: '', countyWide: false })
  const [audience, setAudience] = useState<AnnouncementAudience>('members')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [pinned, setPinned] = useState(false)
  const [errors, setErrors] = useState<FieldMessages>({})

  const fetchExisting = async () => {
    setLoad({ kind: 'loading' })
    const opts = await fetchPublishOptions()
    if (!opts.ok) return setLoad({ kind: 'error', error: opts.error })
    setOptions(opts.data)
    if (!id) return setLoad({ kind: 'ready' })
    const res = await fetchAnnouncement(id)
    if (!res.ok) return setLoad({ kind: 'error', error: res.error })
    if (!res.data.canManage) return setLoad({ kind: 'error', error: { code: 'FORBIDDEN', message: '这条公告由其他工会发布，您不能修改' } })
    setTitle(res.data.title)
    setBody(res.data.body)
    setPinned(res.data.pinned)
    setAudience(res.data.audience)
    setLoad({ kind: 'ready' })
  }
  useEffect(() => void fetchExisting(), [id])

  const submit = async () => {
    const checked = check(publishAnnouncementInput, { ...(id ? { id } : {}), title, body, pinned, audience })
    if (!checked.ok) {
      setErrors(checked.errors)
      scrollToFirstError()
      return
    }
    setErrors({})
    const ok = await confirm(
      id
        ? { title: '保存修改？', content: '修改后职工看到的是新内容。', confirmText: '保存' }
        : {
            title: '发布这条公告？',
            content:
              audience === 'county'
                ? '发布后全县职工都能在首页和「通知公告」中看到。'
                : `发布后${options.orgName || '本工会'}的会员能在首页和「通知公告」中看到。`,
            confirmText: '发布',
          },
    )
    if (!ok) return
    const res = await publishAnnouncement(checked.data)
    if (!res.ok) {
      if (res.error.fields?.length) {
        setErrors(toFieldMessages(res.error.fields))
        scrollToFirstError()
      } else {
        await alert(id ? '保存失败' : '发布失败', res.error.message)
      }
      return
    }
    void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' })
    void Taro.redirectTo({ url: announcementUrl(res.data.id) })
  }

  if (load.kind === 'loading') return <StateView kind='loading' title='正在加载…' />
  if (load.kind === 'error') {
    const retry = load.error.code === 'FORBIDDEN' || load.error.code === 'NOT_FOUND' ? [] : [{ text: '重试', onClick: () => void fetchExisting() }]
    return <StateView kind='error' title={load.error.code === 'FORBIDDEN' ? '没有权限' : '加载失败'} detail={load.error.message} actions={retry} />
  }

  return (
    <View className='publish'>
      <View className='card'>
        <TextField
          label='标题'
          name='title'
          required
          value={title}
          maxlength={ANNOUNCEMENT_TITLE_MAX}
          placeholder={`不超过 ${ANNOUNCEMENT_TITLE_MAX} 个字`}
          error={errors.title}
          onInput={(v) => {
            setTitle(v)
            if (errors.title) setErrors((e) => ({ ...e, title: '' }))
          }}
        />
        <Field label='正文' name='body' required error={errors.body} hint={`${body.length}/${ANNOUNCEMENT_BODY_MAX}`}>
          <Textarea
            className='field__textarea publish__body'
            value={body}
            maxlength={ANNOUNCEMENT_BODY_MAX}
            placeholder='时间、地点、对象、办理方式，写清楚即可'
            onInput={(e) => {
              setBody(e.detail.value)
              if (errors.body) setErrors((er) => ({ ...er, body: '' }))
            }}
          />
        </Field>
        {options.countyWide ? (
          <Check className='publish__audience' checked={audience === 'county'} onChange={(v) => setAudience(v ? 'county' : 'members')}>
            <Text>面向全县职工（不勾选则只发给{options.orgName}会员）</Text>
          </Check>
        ) : (
          <View className='publish__scope'>
            <Text>发布范围：{options.orgName}会员（面向全县的公告由县总工会发布）</Text>
          </View>
        )}
        <Check className='publish__pinned' checked={pinned} onChange={setPinned}>
          <Text>置顶（在{audience === 'county' ? '全县职工' : '本工会会员'}的首页和列表最前面）</Text>
        </Check>
      </View>
      <Btn className='publish__submit' onClick={submit}>
        {id ? '保存修改' : '发布'}
      </Btn>
    </View>
  )
}

/** Publish a new announcement, or edit one (`?id=`): staff and admins only, as the contract says. */
export default function PublishPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : undefined
  useReady(() => {
    Taro.setNavigationBarTitle({ title: id ? '修改公告' : '发布公告' })
  })
  return (
    <RoleGate spec={messagesApi.publishAnnouncement}>
      {() => (
        <View className='page'>
          <PublishForm id={id} />
        </View>
      )}
    </RoleGate>
  )
}
