import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import PickerBox from '@/components/PickerBox'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { accountApi } from '@/contracts/account/api'
import { createInviteInput, INVITE_ROLES, type InviteCreated, type InviteOptions } from '@/contracts/account/schemas'
import { ROLE_LABELS, type RoleGrant } from '@/contracts/roles'
import { beijingDateTime } from '@/contracts/time'
import { useForm, useMutation, useQuery } from '@/data'
import './index.scss'

type InviteRole = RoleGrant['role']

const ROLE_HINTS: Record<InviteRole, string> = {
  keeper: '负责一个驿站：维护开放时间、设施等信息',
  lawyer: '处理法律援助申请',
  staff: '办理所选工会及下级工会的入会审核、驿站管理等',
  admin: '管理所选工会及下级工会，可邀请和撤销工作人员',
}

/** 邀请工作人员: pick a role and where it applies; the answer is a one-time code and its QR, valid 72 hours. */
export default function InvitePage() {
  return <RoleGate spec={accountApi.createInvite}>{() => <Invite />}</RoleGate>
}

function Invite() {
  // Loaded once: coming back from sharing the code must not wipe it off the screen.
  const options = useQuery('account', 'inviteOptions', {}, { reloadOnShow: false })
  return (
    <PageState
      query={options}
      isEmpty={(o) => !o.orgs.length}
      empty={{ title: '没有可邀请的工会', detail: '您的账号还没有关联工会，请联系管理员。' }}
    >
      {(o) => <InviteForm options={o} />}
    </PageState>
  )
}

type Values = { role: InviteRole | ''; orgIndex: number; stationIndex: number }

function InviteForm({ options }: { options: InviteOptions }) {
  const roles = INVITE_ROLES.filter((r) => options.roles.includes(r.key))
  const form = useForm({
    initial: (): Values => ({ role: '', orgIndex: options.orgs.length === 1 ? 0 : -1, stationIndex: -1 }),
    schema: createInviteInput,
    toInput: ({ role, orgIndex, stationIndex }: Values) => ({
      role: role || undefined,
      orgId: role !== 'keeper' ? options.orgs[orgIndex]?.id : undefined,
      stationId: role === 'keeper' ? options.stations[stationIndex]?.id : undefined,
    }),
  })
  const [created, setCreated] = useState<InviteCreated | null>(null)
  const create = useMutation('account', 'createInvite', { onSuccess: setCreated })
  const submit = () => form.submit((data) => create.run(data))
  const { role, orgIndex, stationIndex } = form.values

  if (created)
    return (
      <InviteResult
        invite={created}
        onAgain={() => {
          setCreated(null)
          form.reset({ role: '', orgIndex: options.orgs.length === 1 ? 0 : -1, stationIndex: -1 })
        }}
      />
    )

  return (
    <View className='page invite'>
      <View className='card invite__form'>
        <Field label='邀请的角色' name='role' required error={form.error('role')} hint={role ? ROLE_HINTS[role] : undefined}>
          <Choice className='invite__roles' options={roles} value={role} onChange={(k) => form.set('role', k)} />
        </Field>
        {role === 'keeper' ? (
          <Field label='负责的驿站' name='stationId' required error={form.error('stationId')}>
            {options.stations.length ? (
              <PickerBox
                range={options.stations.map((s) => s.name)}
                value={stationIndex}
                placeholder='请选择驿站'
                onChange={(i) => form.set('stationIndex', i)}
              />
            ) : (
              <Text className='muted'>您的工会下还没有驿站，请先在「驿站管理」中新增。</Text>
            )}
          </Field>
        ) : role ? (
          <Field label={role === 'lawyer' ? '服务的工会' : '所属工会'} name='orgId' required error={form.error('orgId')}>
            <PickerBox
              range={options.orgs.map((o) => `${o.depth ? '　'.repeat(o.depth) + '└ ' : ''}${o.name}`)}
              value={orgIndex}
              placeholder='请选择工会'
              onChange={(i) => form.set('orgIndex', i)}
            />
          </Field>
        ) : null}
      </View>
      <Text className='muted invite__note'>邀请码 72 小时内有效，只能使用一次。对方在「我的 → 工作人员激活」输入即可。</Text>
      <FormError message={form.formError} />
      <Btn className='invite__submit' loading={create.busy} onClick={submit}>
        生成邀请码
      </Btn>
    </View>
  )
}

function InviteResult({ invite, onAgain }: { invite: InviteCreated; onAgain: () => void }) {
  const copy = () =>
    Taro.setClipboardData({ data: invite.code })
      .then(() => Taro.showToast({ title: '已复制邀请码', icon: 'success' }))
      .catch(() => undefined)
  return (
    <View className='page invite'>
      <View className='card invite-result'>
        <Text className='invite-result__label'>邀请码</Text>
        <Text className='invite-result__code'>{invite.code}</Text>
        <Image className='invite-result__qr' src={invite.qr} mode='aspectFit' />
        <View className='invite-result__rows'>
          <Text className='invite-result__row'>角色：{ROLE_LABELS[invite.role]}</Text>
          <Text className='invite-result__row'>{invite.stationName ? `驿站：${invite.stationName}` : `工会：${invite.orgName}`}</Text>
          <Text className='invite-result__row invite-result__expiry'>有效期至 {beijingDateTime(invite.expiresAt)}（北京时间），仅限一人使用</Text>
        </View>
      </View>
      <Text className='muted invite__note'>请把邀请码发给对方（或让对方扫描二维码），在小程序「我的 → 工作人员激活」中输入。</Text>
      <Btn className='invite-result__copy' onClick={copy}>
        复制邀请码
      </Btn>
      <Btn kind='secondary' className='invite-result__again' onClick={onAgain}>
        再邀请一位
      </Btn>
    </View>
  )
}
