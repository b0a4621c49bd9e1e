import { Text, View } from '@tarojs/components'
import { goBackOr } from '@/utils/nav'
import Btn from '../Btn'
import './index.scss'

interface Props {
  mark: string
  title: string
  lines: string[]
}

const goBack = () => goBackOr('/pages/home/index', { tab: true })

/** Placeholder for services that are announced but not live yet. */
export default function ComingSoon({ mark, title, lines }: Props) {
  return (
    <View className='page coming-soon'>
      <View className='card coming-soon__card'>
        <View className='coming-soon__mark'>{mark}</View>
        <Text className='coming-soon__title'>{title}</Text>
        <Text className='coming-soon__badge'>即将开放</Text>
        <View className='coming-soon__lines'>
          {lines.map((line) => (
            <Text key={line} className='coming-soon__line'>
              {line}
            </Text>
          ))}
        </View>
        <Btn kind='secondary' onClick={goBack} className='coming-soon__back'>
          返回
        </Btn>
      </View>
    </View>
  )
}
