import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import { CLAIM_PAGE, LOOKUP_PAGE } from '../shared/urls'

const BENEFITS = [
  { mark: '权', title: '维权有依靠', text: '劳动合同、工资、工伤等纠纷，工会帮您协调，提供免费法律援助。' },
  { mark: '助', title: '困难有帮扶', text: '困难职工帮扶、大病救助、金秋助学，节日慰问和生日关怀。' },
  { mark: '保', title: '互助保障', text: '可参加职工互助保障活动，生病住院、意外伤害有补助。' },
  { mark: '技', title: '技能提升', text: '免费职业技能培训，参加劳动和技能竞赛。' },
  { mark: '享', title: '普惠服务', text: '户外劳动者驿站、子女托管、疗休养和会员专属优惠。' },
]

/** What someone who has not applied sees: why join, who can, and the one button. */
export default function Intro({ onApply }: { onApply: () => void }) {
  return (
    <View className='membership-intro'>
      <View className='membership-intro__hero'>
        <Text className='membership-intro__title'>加入工会，职工有个家</Text>
        <Text className='membership-intro__sub'>在线填写申请，工会审核后微信通知您</Text>
      </View>

      <View className='card membership-intro__benefits'>
        <Text className='section-title membership-intro__benefits-title'>工会会员权益</Text>
        {BENEFITS.map((b) => (
          <View key={b.mark} className='membership-intro__benefit'>
            <View className='membership-intro__mark'>{b.mark}</View>
            <View className='membership-intro__benefit-text'>
              <Text className='membership-intro__benefit-title'>{b.title}</Text>
              <Text className='membership-intro__benefit-desc'>{b.text}</Text>
            </View>
          </View>
        ))}
      </View>

      <View className='card membership-intro__who'>
        <Text className='section-title'>谁可以入会</Text>
        <Text className='membership-intro__line'>年满 16 周岁、以工资收入为主要生活来源的劳动者，不分民族、户籍和用工形式。</Text>
        <Text className='membership-intro__line'>快递员、外卖骑手、网约车司机、货车司机等新就业形态劳动者，同样可以申请。</Text>
      </View>

      <Btn className='membership-intro__apply' onClick={onApply}>
        申请入会
      </Btn>
      <Btn kind='secondary' className='membership-intro__claim' onClick={() => Taro.navigateTo({ url: CLAIM_PAGE })}>
        已是会员？领取电子会员卡
      </Btn>
      <Text className='membership-intro__lookup' onClick={() => Taro.navigateTo({ url: LOOKUP_PAGE })}>
        会员查询：查一查某人是否为工会会员 ›
      </Text>
    </View>
  )
}
