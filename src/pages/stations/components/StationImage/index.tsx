import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import './index.scss'

interface Props {
  url: string
  className?: string
  onClick?: () => void
}

/**
 * A station photo. Its link may have expired (an hour after the page loaded) or its file may be gone: then a
 * quiet grey tile takes its place, never the platform's broken-image icon.
 */
export default function StationImage({ url, className = '', onClick }: Props) {
  const [failedUrl, setFailedUrl] = useState('')
  if (failedUrl === url) {
    return (
      <View className={`station-image station-image--failed ${className}`}>
        <Text className='station-image__note'>无法显示</Text>
      </View>
    )
  }
  return <Image src={url} mode='aspectFill' lazyLoad className={`station-image ${className}`} onClick={onClick} onError={() => setFailedUrl(url)} />
}
