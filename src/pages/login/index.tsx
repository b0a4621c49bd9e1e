import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import StateView from '@/components/StateView'
import { devLogin, listPersonas, type Persona } from '@/api/dev'
import { HOME_PAGE, isLocalMode, returnAfterLogin, setToken } from '@/api/session'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; personas: Persona[] }

/** Local (H5) only: the gateway has no WeChat, so people pick a seeded persona to act as. */
export default function Login() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [loginError, setLoginError] = useState('')
  // The page a signed-out person opened (a shared link, a notice): they go back there after choosing.
  const redirect = useRouter().params.redirect

  const load = async () => {
    setState({ kind: 'loading' })
    const res = await listPersonas()
    setState(res.ok ? { kind: 'ready', personas: res.data } : { kind: 'error', message: res.error.message })
  }

  useLoad(() => {
    if (isLocalMode()) void load()
  })

  const pick = async (p: Persona) => {
    if (busy) return
    setBusy(p.openid)
    setLoginError('')
    const res = await devLogin(p.openid)
    if (res.ok) {
      setToken(res.data.token)
      await returnAfterLogin(redirect)
    } else {
      setLoginError(res.error.message)
    }
    setBusy(null)
  }

  if (!isLocalMode()) {
    return (
      <View className='page'>
        <StateView
          kind='info'
          title='无需登录'
          detail='在微信中打开时，工惠会直接使用您的微信身份。'
          actions={[{ text: '回到首页', onClick: () => Taro.switchTab({ url: HOME_PAGE }) }]}
        />
      </View>
    )
  }

  return (
    <View className='page login'>
      <View className='login__intro'>
        <Text className='login__title'>本地演示</Text>
        <Text className='login__desc'>选择一个身份进入。真实小程序中，身份来自微信，不需要这一步。</Text>
      </View>

      {state.kind === 'loading' ? <StateView kind='loading' title='正在获取演示身份…' /> : null}
      {state.kind === 'error' ? (
        <StateView kind='error' title='获取演示身份失败' detail={state.message} actions={[{ text: '重试', onClick: load }]} />
      ) : null}
      {loginError ? <Text className='login__error'>{loginError}</Text> : null}

      {state.kind === 'ready'
        ? state.personas.map((p) => (
            <View key={p.openid} className={`card persona persona--${p.openid} ${busy === p.openid ? 'persona--busy' : ''}`} onClick={() => pick(p)}>
              <View className='persona__avatar'>{p.name.slice(0, 1)}</View>
              <View className='persona__text'>
                <Text className='persona__name'>{p.name}</Text>
                <Text className='persona__desc'>{p.description}</Text>
              </View>
              <Text className='persona__go'>{busy === p.openid ? '进入中…' : '进入'}</Text>
            </View>
          ))
        : null}
    </View>
  )
}
