import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import MeGate from '@/components/MeGate'
import StateView from '@/components/StateView'
import { ROLE_LABELS } from '@/contracts/roles'
import type { Query } from '@/data'
import { workbenchTiles, type WorkbenchTile } from '@/domains'
import { useMe } from '@/hooks/useMe'
import { badgeKey, useTodos, type Todos } from '@/hooks/useTodos'
import { goBackOr } from '@/utils/nav'
import './index.scss'

const open = (url: string) => void Taro.navigateTo({ url })

function Tile({ tile, icon, count }: { tile: WorkbenchTile; icon: string; count: number }) {
  return (
    <View className={`workbench-tile workbench-tile--${icon}`} onClick={() => open(tile.url)}>
      <View className='workbench-tile__text'>
        <Text className='workbench-tile__title'>{tile.title}</Text>
        <Text className='workbench-tile__desc'>{count ? `${count} 项待处理` : tile.subtitle}</Text>
      </View>
      {count ? <Text className='workbench-tile__badge'>{count > 99 ? '99+' : count}</Text> : null}
      <Text className='workbench-tile__chevron'>›</Text>
    </View>
  )
}

/** 待办: what waits for this person, each line opening the page that handles it. */
function TodoCard({ todos }: { todos: Query<Todos> }) {
  const { state } = todos
  return (
    <View className='card todo'>
      <View className='todo__head'>
        <Text className='todo__title'>待办</Text>
        {state.kind === 'ready' && state.data.total ? <Text className='todo__total'>{state.data.total} 项</Text> : null}
      </View>
      {state.kind === 'loading' ? (
        <Text className='todo__quiet'>正在查看待办…</Text>
      ) : state.kind === 'error' ? (
        <View className='todo__quiet todo__quiet--failed' onClick={() => void todos.reload()}>
          <Text>待办没能加载，点此重试</Text>
        </View>
      ) : !state.data.open.length ? (
        <Text className='todo__quiet todo__quiet--done'>暂无待办，都处理完了</Text>
      ) : (
        state.data.open.map((t) => (
          <View key={t.tile.url + t.tile.title} className='todo__item' onClick={() => open(t.tile.url)}>
            <View className='todo__dot' />
            <Text className='todo__text'>{t.text}</Text>
            <Text className='todo__go'>去处理 ›</Text>
          </View>
        ))
      )}
    </View>
  )
}

/** The 工作台: 待办 first, then every domain's tiles for the roles this person holds, grouped by domain. */
export default function Workbench() {
  const { me, error, loading, reload } = useMe()
  const todos = useTodos(me?.roles)
  if (!me) return <MeGate error={error} loading={loading} onRetry={reload} />

  const tiles = workbenchTiles(me.roles)
  if (!tiles.length) {
    return (
      <View className='page'>
        <StateView
          kind='info'
          title='您还没有工作台权限'
          detail='工作台供工会干部、驿站站长和法律援助律师使用。如需开通，请联系所在工会。'
          actions={[{ text: '返回', onClick: () => goBackOr('/pages/home/index', { tab: true }), kind: 'secondary' }]}
        />
      </View>
    )
  }

  const counts = new Map((todos.data?.counts ?? []).map((c) => [badgeKey(c.tile.badge!), c.count]))
  const groups = [...new Set(tiles.map((t) => t.domain))]
  const staffRoles = me.roles.filter((r) => r !== 'worker')
  return (
    <View className='page workbench'>
      <View className='workbench__head'>
        <Text className='workbench__title'>{me.name}</Text>
        <Text className='workbench__who'>
          {staffRoles.map((r) => ROLE_LABELS[r]).join('、')}
          {me.orgs.length ? ` · ${me.orgs.map((o) => o.name).join('、')}` : ''}
        </Text>
      </View>
      {tiles.some((t) => t.badge) ? <TodoCard todos={todos} /> : null}
      {groups.map((d) => (
        <View key={d.key} className='workbench__group'>
          <Text className='section-title'>{d.name}</Text>
          <View className='card workbench__tiles'>
            {tiles
              .filter((t) => t.domain === d)
              .map((t) => (
                <Tile key={t.url + t.title} tile={t} icon={d.icon} count={t.badge ? (counts.get(badgeKey(t.badge)) ?? 0) : 0} />
              ))}
          </View>
        </View>
      ))}
    </View>
  )
}
