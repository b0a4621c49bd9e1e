import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import { CC } from '../shared'
import { ClassCard } from '../shared-views'
import './index.scss'

/** 职工子女托管: the classes open or coming (summer, winter, spring/autumn breaks, after school), with places left. */
export default function ChildcareListPage() {
  const classes = useQuery('childcare', 'listClasses', {})

  return (
    <View className='page cc-list'>
      <View className='card cc-head'>
        <Text className='cc-title'>职工子女托管</Text>
        <Text className='muted'>先添加孩子信息，到开放时间再报名。每个班的报名规则都写在详情页里。</Text>
        <View className='cc-links'>
          <Btn size='sm' kind='secondary' className='cc-list__children' onClick={() => Taro.navigateTo({ url: CC.children })}>
            孩子信息
          </Btn>
          <Btn size='sm' kind='secondary' className='cc-list__mine' onClick={() => Taro.navigateTo({ url: CC.mine })}>
            我的预约
          </Btn>
          <Btn size='sm' kind='secondary' className='cc-list__intent' onClick={() => Taro.navigateTo({ url: CC.intent })}>
            意向登记
          </Btn>
        </View>
      </View>
      <PageState
        query={classes}
        loadingText='正在加载托管班…'
        isEmpty={(d) => !d.items.length}
        empty={{
          title: '暂时没有托管班',
          detail: '工会发布托管班后会显示在这里。可以先登记意向，开班时先通知您。',
          actions: [{ text: '登记托管意向', onClick: () => void Taro.navigateTo({ url: CC.intent }) }],
        }}
      >
        {({ items }) => items.map((c) => <ClassCard key={c.id} c={c} onClick={() => void Taro.navigateTo({ url: CC.cls(c.id) })} />)}
      </PageState>
    </View>
  )
}
