import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import RoleGate from '@/components/RoleGate'
import StateView from '@/components/StateView'
import { accountApi } from '@/contracts/account/api'
import type { RoleRow } from '@/contracts/account/schemas'
import { ROLE_LABELS } from '@/contracts/roles'
import { beijingDay } from '@/contracts/time'
import { call } from '@/api/client'
import { useLoader } from '@/hooks/useLoader'
import { alert, confirm } from '@/utils/dialog'
import './index.scss'

/** 人员与角色 (admins): everyone holding a role in the admin's org tree, with revoke. */
export default function RolesPage() {
  return <RoleGate spec={accountApi.listRoles}>{() => <Roles />}</RoleGate>
}

function Roles() {
  const { state, reload, setState } = useLoader(() => call('account', 'listRoles'), [], { reloadOnShow: true })

  const revoke = async (row: RoleRow) => {
    const place = row.stationName ?? row.orgName
    const ok = await confirm({
      title: '撤销这项权限？',
      content: `${row.name} 将不再是「${place}」的${ROLE_LABELS[row.role]}，立即生效。如需恢复，请重新邀请。`,
      confirmText: '撤销',
      cancelText: '取消',
      danger: true,
    })
    if (!ok) return
    const res = await call('account', 'revokeGrant', { id: row.id })
    if (!res.ok) {
      await alert('撤销失败', res.error.message)
      return
    }
    Taro.showToast({ title: '已撤销', icon: 'success' })
    if (state.kind === 'ready') setState({ kind: 'ready', data: { items: state.data.items.filter((r) => r.id !== row.id) } })
  }

  if (state.kind === 'loading') return <StateView kind='loading' title='正在加载…' />
  if (state.kind === 'error')
    return <StateView kind='error' title='加载失败' detail={state.error.message} actions={[{ text: '重试', onClick: () => void reload() }]} />
  const items = state.data.items
  return (
    <View className='page roles'>
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
            <Btn kind='secondary' size='sm' className='role-row__revoke' onClick={() => revoke(r)}>
              撤销
            </Btn>
          )}
        </View>
      ))}
    </View>
  )
}
