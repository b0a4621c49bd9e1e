import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { childcareApi } from '@/contracts/childcare/api'
import { useQuery } from '@/data'
import { CC, classLine, placesLine } from '../shared'
import { ClassCard } from '../shared-views'
import './index.scss'

/** 托管班管理: the classes of the cadre's unions, live places and waitlist; roster, check-in, new class. */
export default function ManagePage() {
  return <RoleGate spec={childcareApi.managedClasses}>{() => <Manage />}</RoleGate>
}

function Manage() {
  const classes = useQuery('childcare', 'managedClasses', {})

  return (
    <View className='page cc-manage'>
      <View className='card cc-head'>
        <Text className='cc-title'>托管班管理</Text>
        <Text className='muted'>实时名额与候补；点开班级查看花名册、签到和导出。</Text>
        <View className='cc-links'>
          <Btn size='sm' className='cc-manage__new' onClick={() => Taro.navigateTo({ url: CC.edit })}>
            新建托管班
          </Btn>
          <Btn size='sm' kind='secondary' className='cc-manage__checkin' onClick={() => Taro.navigateTo({ url: CC.checkin })}>
            扫码签到
          </Btn>
        </View>
      </View>
      <PageState query={classes} isEmpty={(d) => !d.items.length} empty={{ title: '还没有托管班', detail: '点「新建托管班」发布第一期。' }}>
        {({ items }) =>
          items.map((c) => (
            <ClassCard key={c.id} c={c} className='cc-managed' onClick={() => void Taro.navigateTo({ url: CC.roster(c.id) })}>
              <Text className='cc-line'>{classLine(c)}</Text>
              <View className='cc-class__top'>
                <Text className='cc-places'>{placesLine(c)}</Text>
                <Text className='cc-line'>
                  已确认 {c.capacity - c.remaining} · 候补 {c.waiting}
                </Text>
              </View>
              <View className='row-actions'>
                {/* The edit tap stops here: the card's own tap opens the roster. */}
                <View onClick={(e) => e.stopPropagation()}>
                  <Btn
                    size='sm'
                    kind='ghost'
                    className='cc-managed__edit'
                    onClick={() => Taro.navigateTo({ url: `${CC.edit}?id=${encodeURIComponent(c.id)}` })}
                  >
                    编辑
                  </Btn>
                </View>
                <Text className='cc-line'>花名册 ›</Text>
              </View>
            </ClassCard>
          ))
        }
      </PageState>
    </View>
  )
}
