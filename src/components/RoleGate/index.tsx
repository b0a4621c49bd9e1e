import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { allows, type ActionSpec } from '@/contracts/api'
import type { Me } from '@/contracts/roles'
import { useMe } from '@/hooks/useMe'
import { goBackOr } from '@/utils/nav'
import MeGate from '../MeGate'
import StateView from '../StateView'

interface Props {
  /** the action this page exists for: its contract's role rule decides, the same rule the server applies */
  spec: Pick<ActionSpec, 'roles'>
  children: (me: Me) => ReactNode
}

/**
 * Guards a page opened by URL: someone without the role sees 「没有权限」 at once, rather than a form that
 * fails on save. The server checks every call again; this only decides what to show.
 */
export default function RoleGate({ spec, children }: Props) {
  const { me, error, loading, reload } = useMe()
  if (!me) return <MeGate error={error} loading={loading} onRetry={reload} />
  if (!allows(spec, me.roles)) {
    return (
      <View className='page'>
        <StateView
          kind='info'
          title='没有权限'
          detail='这个页面供有相应职责的工作人员使用。如需开通，请联系所在工会。'
          actions={[{ text: '回到首页', onClick: () => goBackOr('/pages/home/index', { tab: true }), kind: 'secondary' }]}
        />
      </View>
    )
  }
  return <>{children(me)}</>
}
