import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import MeGate from '@/components/MeGate'
import StateView from '@/components/StateView'
import { ROLE_LABELS } from '@/contracts/roles'
import { workbenchTiles, type WorkbenchTile } from '@/domains'
import { useBadge } from '@/hooks/useBadge'
import { useMe } from '@/hooks/useMe'
import { goBackOr } from '@/utils/nav'
import './index.scss'

function Tile({ tile, icon }: { tile: WorkbenchTile; icon: string }) {
  const count = useBadge(tile.badge)
  return (
    <View className={`workbench-tile workbench-tile--${icon}`} onClick={() => Taro.navigateTo({ url: tile.url })}>
      <View className='workbench-tile__text'>
        <Text className='workbench-tile__title'>{tile.title}</Text>
        <Text className='workbench-tile__desc'>{count ? `${count} 项待处理` : tile.subtitle}</Text>
      </View>
      {count ? <Text className='workbench-tile__badge'>{count > 99 ? '99+' : count}</Text> : null}
      <Text className='workbench-tile__chevron'>›</Text>
    </View>
  )
}

/** The 工作台: every domain's tiles for the roles this person holds, grouped by domain, from the manifest. */
export default function Workbench() {
  const { me, error, loading, reload } = useMe()
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

  const groups = [...new Set(tiles.map((t) => t.domain))]
  const staffRoles = me.roles.filter((r) => r !== 'worker')
  return (
    <View className='page workbench'>
      <View className='card workbench__head'>
        <Text className='workbench__title'>{me.name}</Text>
        <Text className='muted'>
          {staffRoles.map((r) => ROLE_LABELS[r]).join('、')}
          {me.orgs.length ? ` · ${me.orgs.map((o) => o.name).join('、')}` : ''}
        </Text>
      </View>
      {groups.map((d) => (
        <View key={d.key} className='workbench__group'>
          <Text className='section-title'>{d.name}</Text>
          <View className='card workbench__tiles'>
            {tiles
              .filter((t) => t.domain === d)
              .map((t) => (
                <Tile key={t.url} tile={t} icon={d.icon} />
              ))}
          </View>
        </View>
      ))}
    </View>
  )
}
