import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Btn from '@/components/Btn'
import SearchBar from '@/components/SearchBar'
import PagedListState from '@/components/PagedListState'
import RoleGate from '@/components/RoleGate'
import { call } from '@/api/client'
import { orgsApi } from '@/contracts/orgs/api'
import type { EmployerItem } from '@/contracts/orgs/schemas'
import { usePagedList } from '@/hooks/usePagedList'
import '../shared/orgs.scss'
import './index.scss'

/** 用人单位: employers with their own union, found by any of their names; each routes 入会 applications to its union. */
export default function EmployersPage() {
  return <RoleGate spec={orgsApi.employers}>{() => <Employers />}</RoleGate>
}

function Employers() {
  const { list, load } = usePagedList<EmployerItem>({ clearOnFirstPage: false })
  const applied = useRef('')
  const [query, setQuery] = useState('')
  const loadPage = (page: number) => load((p) => call('orgs', 'employers', { q: applied.current || undefined, page: p, pageSize: 20 }), page)
  const search = (q: string) => {
    applied.current = q.trim()
    void loadPage(1)
  }
  useEffect(() => {
    void loadPage(1)
  }, [])
  useDidShow(() => {
    void loadPage(1)
  })

  return (
    <View className='page org-employers-page'>
      <View className='card org-employers-page__head'>
        <Text className='muted'>职工在入会申请中填写这些单位名称（或别名）时，申请直接分派到所属工会。</Text>
        <View className='row-actions'>
          <Btn className='org-employers-page__add' onClick={() => Taro.navigateTo({ url: '/pages/orgs/employer/index' })}>
            添加用人单位
          </Btn>
          <Btn kind='secondary' onClick={() => Taro.navigateTo({ url: '/pages/orgs/import/index' })}>
            Excel 导入
          </Btn>
        </View>
      </View>
      <SearchBar value={query} onInput={setQuery} onSearch={search} placeholder='按单位名称或别名搜索' />
      {list.page > 0 || !list.loading ? <Text className='org-employers-page__count'>共 {list.total} 个用人单位</Text> : null}
      {list.items.map((e) => (
        <View
          key={e.id}
          className='card org-employer-card'
          onClick={() => Taro.navigateTo({ url: `/pages/orgs/employer/index?id=${encodeURIComponent(e.id)}` })}
        >
          <Text className='org-employer-card__name'>{e.name}</Text>
          {e.aliases.length ? <Text className='org-employer-card__aliases'>别名：{e.aliases.join('、')}</Text> : null}
          <View className='org-employer-card__org'>
            <Text className='org-employer-card__to'>分派到 {e.orgName}</Text>
            {e.orgDisabled ? <Text className='org-off'>已停用</Text> : null}
          </View>
        </View>
      ))}
      <PagedListState
        list={list}
        onLoad={(page) => void loadPage(page)}
        empty={{ title: applied.current ? '没有找到这个单位' : '还没有用人单位', detail: '添加有自己工会的单位，职工入会时即可自动分派。' }}
      />
    </View>
  )
}
