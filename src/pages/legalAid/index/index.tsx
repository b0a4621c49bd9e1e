import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { useQuery } from '@/data'
import CaseCard from '../shared/CaseCard'
import './index.scss'

export default function LegalAidHome() {
  const cases = useQuery('legalAid', 'myCases', {})
  return (
    <View className='page legal-home'>
      <View className='legal-home__hero'>
        <Text className='legal-home__title'>职工法律援助</Text>
        <Text className='legal-home__sub'>欠薪、工伤、劳动合同、社会保险纠纷，工会免费帮您维权。农民工讨薪和工伤赔偿免予经济困难审查。</Text>
        <Text className='legal-home__sub'>工会在 7 日内决定是否受理，受理后 3 日内指派律师。开庭或时效不足 7 天的，先行援助。急事请拨 12351。</Text>
      </View>
      <Btn className='legal-home__apply' onClick={() => Taro.navigateTo({ url: '/pages/legalAid/apply/index' })}>
        申请法律援助
      </Btn>
      <Btn kind='secondary' className='legal-home__consult' onClick={() => Taro.navigateTo({ url: '/pages/legalAid/consult/index' })}>
        先问问律师（在线咨询）
      </Btn>
      <Text className='section-title'>我的法律援助</Text>
      <PageState
        query={cases}
        isEmpty={(d) => !d.items.length}
        empty={{ title: '还没有申请', detail: '遇到劳动纠纷，点上面的按钮申请，工会为您指派律师。' }}
      >
        {({ items }) => items.map((c) => <CaseCard key={c.id} c={c} />)}
      </PageState>
    </View>
  )
}
