import { Text, View } from '@tarojs/components'
import type { StationMove } from '@/contracts/stations/schemas'
import { beijingDateTime } from '@/contracts/time'

/** 位置变更记录: where a mobile station stood before; saving a new address or position adds the old one here. */
export default function Moves({ moves }: { moves: StationMove[] }) {
  return (
    <View className='card station-edit__moves'>
      <Text className='section-title'>位置变更记录</Text>
      {moves.length ? (
        moves.map((m) => (
          <View key={m.until} className='station-edit__move'>
            <Text className='station-edit__move-address'>{m.address}</Text>
            <Text className='muted'>
              {m.lat}, {m.lng} · {beijingDateTime(m.until)} 迁出
            </Text>
          </View>
        ))
      ) : (
        <Text className='muted'>还没有变更过位置。流动驿站搬到新地点时，直接修改上面的地址和位置坐标并保存，原位置会记在这里。</Text>
      )}
    </View>
  )
}
