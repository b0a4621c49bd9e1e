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
  const failed = failedUrl === url
  // The Image stays mounted when it fails (the note is laid over it): swapping it for another element unmounted a
  // node carrying listeners, which Taro's weapp runtime cannot undo for an image (「reading '_num'」, page crash).
  return (
    <View className={`station-image ${failed ? 'station-image--failed' : ''} ${className}`} onClick={onClick}>
      <Image src={url} mode='aspectFill' lazyLoad className='station-image__img' onError={() => setFailedUrl(url)} />
      {failed ? <Text className='station-image__note'>无法显示</Text> : null}
    </View>
  )
}
