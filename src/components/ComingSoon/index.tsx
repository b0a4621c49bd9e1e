import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '../Btn'
import './index.scss'

interface Props {
  mark: string
  title: string
  lines: string[]
}

function goBack() {
  // Opened from a share card or a fresh start there is nothing to go back to; land on the home tab then.
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: '/pages/home/index' })
}

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
