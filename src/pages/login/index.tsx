import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import { devLogin, listPersonas, type Persona } from '@/api/dev'
import { HOME_PAGE, isLocalMode, returnAfterLogin, setToken } from '@/api/session'
import { useMutationWith, useQueryWith } from '@/data'
import './index.scss'

/** Local (H5) only: the gateway has no WeChat, so people pick a seeded persona to act as. */
export default function Login() {
  // The page a signed-out person opened (a shared link, a notice): they go back there after choosing.
  const redirect = useRouter().params.redirect
  // Signed out by definition: the query must not send anyone here again.
  const personas = useQueryWith(listPersonas, [], { enabled: isLocalMode(), signedIn: false, reloadOnShow: false, pullToRefresh: false })
  const login = useMutationWith((p: Persona) => devLogin(p.openid), {
    onSuccess: async ({ token }) => {
      setToken(token)
      await returnAfterLogin(redirect)
    },
  })
  const [busy, setBusy] = useState<string | null>(null)
  const pick = async (p: Persona) => {
    if (login.busy) return
    setBusy(p.openid)
    await login.run(p)
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

      {login.error ? <Text className='login__error'>{login.error.message}</Text> : null}

      <PageState query={personas} loadingText='正在获取演示身份…'>
        {(list) =>
          list.map((p) => (
            <View key={p.openid} className={`card persona persona--${p.openid} ${busy === p.openid ? 'persona--busy' : ''}`} onClick={() => pick(p)}>
              <View className='persona__avatar'>{p.name.slice(0, 1)}</View>
              <View className='persona__text'>
                <Text className='persona__name'>{p.name}</Text>
                <Text className='persona__desc'>{p.description}</Text>
              </View>
              <Text className='persona__go'>{busy === p.openid ? '进入中…' : '进入'}</Text>
            </View>
          ))
        }
      </PageState>
    </View>
  )
}
