import { View } from '@tarojs/components'
import type { ApiError } from '@/contracts/result'
import StateView from '../StateView'

interface ErrorProps {
  error: ApiError | null
  onRetry: () => void
}

/** Why the signed-in user's details are missing, with a retry; nothing while there is no error. */
export function MeError({ error, onRetry }: ErrorProps) {
  return error ? <StateView kind='error' title='暂时没能获取您的信息' detail={error.message} actions={[{ text: '重试', onClick: onRetry }]} /> : null
}

/** Stands in for a whole page that cannot show anything before `me` arrives. */
export default function MeGate({ error, loading, onRetry }: ErrorProps & { loading: boolean }) {
  return (
    <View className='page'>
      {error ? <MeError error={error} onRetry={onRetry} /> : <StateView kind={loading ? 'loading' : 'info'} title='正在加载…' />}
    </View>
  )
}
