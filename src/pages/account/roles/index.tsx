import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { accountApi } from '@/contracts/account/api'
import type { RoleRow } from '@/contracts/account/schemas'
import { ROLE_LABELS } from '@/contracts/roles'
import { beijingDay } from '@/contracts/time'
import { useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import './index.scss'

/** 人员与角色 (admins): everyone holding a role in the admin's org tree, with revoke. */
export default function RolesPage() {
  return <RoleGate spec={accountApi.listRoles}>{() => <Roles />}</RoleGate>
}

function Roles() {
  const roles = useQuery('account', 'listRoles', {})
  const revocation = useMutation('account', 'revokeGrant', {
    success: '已撤销',
    onSuccess: (_res, input) => roles.setData((d) => ({ ...d, items: d.items.filter((r) => r.id !== input.id) })),
    onError: (e) => void alert('撤销失败', e.message),
  })

  const revoke = async (row: RoleRow) => {
    const place = row.stationName ?? row.orgName
    const ok = await confirm({
      title: '撤销这项权限？',
      content: `${row.name} 将不再是「${place}」的${ROLE_LABELS[row.role]}，立即生效。如需恢复，请重新邀请。`,
      confirmText: '撤销',
      cancelText: '取消',
      danger: true,
    })
    if (ok) await revocation.run({ id: row.id })
  }

  return (
    <View className='page roles'>
      <PageState query={roles}>{({ items }) => <RoleList items={items} onRevoke={revoke} />}</PageState>
    </View>
  )
}

function RoleList({ items, onRevoke }: { items: RoleRow[]; onRevoke: (row: RoleRow) => Promise<void> }) {
  return (
    <>
      <View className='roles__head'>
        <Text className='muted'>共 {items.length} 项权限 · 本工会及下级工会</Text>
        <Btn kind='ghost' size='sm' className='roles__invite' onClick={() => Taro.navigateTo({ url: '/pages/account/invite/index' })}>
          邀请工作人员
        </Btn>
      </View>
      {!items.length ? <StateView kind='empty' title='还没有工作人员' detail='用「邀请工作人员」生成邀请码，对方激活后会出现在这里。' /> : null}
      {items.map((r) => (
        <View key={r.id} className={`card role-row role-row--${r.role}`}>
          <View className='role-row__main'>
            <View className='role-row__top'>
              <Text className='role-row__name'>{r.name}</Text>
              <Text className={`role-row__role role-row__role--${r.role}`}>{ROLE_LABELS[r.role]}</Text>
              {r.self ? <Text className='role-row__self'>本人</Text> : null}
            </View>
            <Text className='role-row__place'>{r.stationName ? `${r.stationName}（${r.orgName}）` : r.orgName}</Text>
            <Text className='muted'>
              {beijingDay(r.grantedAt)} 由 {r.grantedByName || '管理员'} 授予
            </Text>
          </View>
          {r.self && r.role === 'admin' ? null : (
            <Btn kind='secondary' size='sm' className='role-row__revoke' onClick={() => onRevoke(r)}>
              撤销
            </Btn>
          )}
        </View>
      ))}
    </>
  )
}
