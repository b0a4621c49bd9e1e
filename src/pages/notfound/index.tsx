import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import StateView from '@/components/StateView'
import { HOME_PAGE } from '@/api/session'

/** Where app.ts sends an unknown route (an old or mistyped link): say so and offer the way home. */
export default function NotFound() {
  const path = useRouter().params.path
  return (
    <View className='page'>
      <StateView
        kind='info'
        className='not-found'
        title='页面不存在'
        detail={`您打开的链接可能已失效或输入有误${path ? `（${decodeURIComponent(path).slice(0, 80)}）` : ''}，请回到首页继续使用。`}
        actions={[{ text: '回到首页', onClick: () => void Taro.switchTab({ url: HOME_PAGE }) }]}
      />
    </View>
  )
}
